import {
  CreateMemberRequest,
  ListMembersRequest,
  MemberIdRequest,
  MembershipSubjects as S,
  UpdateMemberRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { MembersService } from './members.service';

/** A LERO's member records: one-line delegations; the rules live in the service. */
@MessageController()
export class MembersController {
  constructor(private readonly members: MembersService) {}

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
}
