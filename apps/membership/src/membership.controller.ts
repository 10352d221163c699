import {
  CreateMemberRequest,
  ImportMembersRequest,
  ListAuditRequest,
  ListMembersRequest,
  MemberIdRequest,
  MembershipSubjects as S,
  MembershipTenantRequest,
  UpdateMeRequest,
  UpdateMemberRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { MembersService } from './members/members.service';
import { ImportMembersUseCase } from './imports/import-members.use-case';
import { ExportMemberUseCase } from './exports/export-member.use-case';
import { EraseMemberUseCase } from './erasure/erase-member.use-case';
import { SelfServiceService } from './self-service/self-service.service';

/** NATS handlers of the membership service: one-line delegations; the rules live in the services. */
@MessageController()
export class MembershipController {
  constructor(
    private readonly members: MembersService,
    private readonly importer: ImportMembersUseCase,
    private readonly exporter: ExportMemberUseCase,
    private readonly eraser: EraseMemberUseCase,
    private readonly self: SelfServiceService,
  ) {}

  @Answer(S.createMember) create(
    @Ctx() ctx: RequestContext,
    @Data(CreateMemberRequest) dto: CreateMemberRequest,
  ) {
    return this.members.create(ctx, dto);
  }

  @Answer(S.listMembers) list(@Ctx() ctx: RequestContext, @Data(ListMembersRequest) dto: ListMembersRequest) {
    return this.members.list(ctx, dto);
  }

  @Answer(S.getMember) get(@Ctx() ctx: RequestContext, @Data(MemberIdRequest) dto: MemberIdRequest) {
    return this.members.get(ctx, dto);
  }

  @Answer(S.updateMember) update(
    @Ctx() ctx: RequestContext,
    @Data(UpdateMemberRequest) dto: UpdateMemberRequest,
  ) {
    return this.members.update(ctx, dto);
  }

  @Answer(S.leaveMember) leave(@Ctx() ctx: RequestContext, @Data(MemberIdRequest) dto: MemberIdRequest) {
    return this.members.leave(ctx, dto);
  }

  @Answer(S.rejoinMember) rejoin(@Ctx() ctx: RequestContext, @Data(MemberIdRequest) dto: MemberIdRequest) {
    return this.members.rejoin(ctx, dto);
  }

  @Answer(S.eraseMember) erase(@Ctx() ctx: RequestContext, @Data(MemberIdRequest) dto: MemberIdRequest) {
    return this.eraser.run(ctx, dto);
  }

  @Answer(S.importMembers) import(
    @Ctx() ctx: RequestContext,
    @Data(ImportMembersRequest) dto: ImportMembersRequest,
  ) {
    return this.importer.run(ctx, dto);
  }

  @Answer(S.exportMember) export(@Ctx() ctx: RequestContext, @Data(MemberIdRequest) dto: MemberIdRequest) {
    return this.exporter.run(ctx, dto);
  }

  @Answer(S.listConsents) consents(@Ctx() ctx: RequestContext, @Data(MemberIdRequest) dto: MemberIdRequest) {
    return this.members.consentHistory(ctx, dto);
  }

  @Answer(S.getMe) getMe(
    @Ctx() ctx: RequestContext,
    @Data(MembershipTenantRequest) dto: MembershipTenantRequest,
  ) {
    return this.self.get(ctx, dto);
  }

  @Answer(S.updateMe) updateMe(@Ctx() ctx: RequestContext, @Data(UpdateMeRequest) dto: UpdateMeRequest) {
    return this.self.update(ctx, dto);
  }

  @Answer(S.exportMe) exportMe(
    @Ctx() ctx: RequestContext,
    @Data(MembershipTenantRequest) dto: MembershipTenantRequest,
  ) {
    return this.self.export(ctx, dto);
  }

  @Answer(S.listAudit) listAudit(@Ctx() ctx: RequestContext, @Data(ListAuditRequest) dto: ListAuditRequest) {
    return this.members.listAudit(ctx, dto);
  }
}
