import {
  AcceptInvitationDto,
  InvitationIdRequest,
  InviteToRegionRequest,
  InviteToTenantRequest,
  TenantsSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { InvitationsService } from './invitations.service';
import { AcceptInvitationUseCase } from './accept-invitation.use-case';
import { CancelInvitationUseCase } from './cancel-invitation.use-case';

/** Inviting someone to a region or a LERO, accepting an invitation, cancelling one. */
@MessageController()
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly acceptance: AcceptInvitationUseCase,
    private readonly cancellations: CancelInvitationUseCase,
  ) {}

  @Answer(S.inviteToRegion) inviteToRegion(
    @Ctx() ctx: RequestContext,
    @Data(InviteToRegionRequest) dto: InviteToRegionRequest,
  ) {
    return this.invitations.inviteToRegion(ctx, dto);
  }

  @Answer(S.inviteToTenant) inviteToTenant(
    @Ctx() ctx: RequestContext,
    @Data(InviteToTenantRequest) dto: InviteToTenantRequest,
  ) {
    return this.invitations.inviteToTenant(ctx, dto);
  }

  @Answer(S.acceptInvitation) accept(
    @Ctx() ctx: RequestContext,
    @Data(AcceptInvitationDto) dto: AcceptInvitationDto,
  ) {
    return this.acceptance.accept(ctx, dto);
  }

  @Answer(S.cancelInvitation) cancelInvitation(
    @Ctx() ctx: RequestContext,
    @Data(InvitationIdRequest) dto: InvitationIdRequest,
  ) {
    return this.cancellations.cancel(ctx, dto.invitationId);
  }
}
