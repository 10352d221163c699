import {
  AccountIdRequest,
  BreakGlassRequest,
  ChangePasswordDto,
  CompletePasswordResetDto,
  InvitationIdRequest,
  RegionIdRequest,
  RemoveRegionRoleRequest,
  RemoveTenantRoleRequest,
  TenantIdRequest,
  TenantsSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { AuthService } from './auth/auth.service';
import { AccountStatusService } from './accounts/account-status.service';
import { PasswordsService } from './password-resets/passwords.service';
import { CancelInvitationUseCase } from './invitations/cancel-invitation.use-case';
import { TenantTeamService } from './team/tenant-team.service';
import { RegionTeamService } from './team/region-team.service';
import { BreakGlassService } from './team/break-glass.service';

/** NATS handlers of the access lifecycle (teams, taking access away, passwords, sessions): delegations only. */
@MessageController()
export class AccessController {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountStatusService,
    private readonly passwords: PasswordsService,
    private readonly cancellations: CancelInvitationUseCase,
    private readonly tenantTeam: TenantTeamService,
    private readonly regionTeam: RegionTeamService,
    private readonly breakGlassService: BreakGlassService,
  ) {}

  @Answer(S.tenantTeam) tenantTeamList(
    @Ctx() ctx: RequestContext,
    @Data(TenantIdRequest) dto: TenantIdRequest,
  ) {
    return this.tenantTeam.list(ctx, dto.tenantId);
  }

  @Answer(S.removeTenantRole) removeTenantRole(
    @Ctx() ctx: RequestContext,
    @Data(RemoveTenantRoleRequest) dto: RemoveTenantRoleRequest,
  ) {
    return this.tenantTeam.removeRole(ctx, dto);
  }

  @Answer(S.regionTeam) regionTeamList(
    @Ctx() ctx: RequestContext,
    @Data(RegionIdRequest) dto: RegionIdRequest,
  ) {
    return this.regionTeam.list(ctx, dto.regionId);
  }

  @Answer(S.removeRegionRole) removeRegionRole(
    @Ctx() ctx: RequestContext,
    @Data(RemoveRegionRoleRequest) dto: RemoveRegionRoleRequest,
  ) {
    return this.regionTeam.removeRole(ctx, dto);
  }

  @Answer(S.breakGlass) breakGlass(
    @Ctx() ctx: RequestContext,
    @Data(BreakGlassRequest) dto: BreakGlassRequest,
  ) {
    return this.breakGlassService.appoint(ctx, dto);
  }

  @Answer(S.cancelInvitation) cancelInvitation(
    @Ctx() ctx: RequestContext,
    @Data(InvitationIdRequest) dto: InvitationIdRequest,
  ) {
    return this.cancellations.cancel(ctx, dto.invitationId);
  }

  @Answer(S.disableAccount) disable(
    @Ctx() ctx: RequestContext,
    @Data(AccountIdRequest) dto: AccountIdRequest,
  ) {
    return this.accounts.disable(ctx, dto.accountId);
  }

  @Answer(S.enableAccount) enable(@Ctx() ctx: RequestContext, @Data(AccountIdRequest) dto: AccountIdRequest) {
    return this.accounts.enable(ctx, dto.accountId);
  }

  @Answer(S.requestPasswordReset) requestPasswordReset(
    @Ctx() ctx: RequestContext,
    @Data(AccountIdRequest) dto: AccountIdRequest,
  ) {
    return this.passwords.requestReset(ctx, dto.accountId);
  }

  @Answer(S.changePassword) changePassword(
    @Ctx() ctx: RequestContext,
    @Data(ChangePasswordDto) dto: ChangePasswordDto,
  ) {
    return this.passwords.change(ctx, dto);
  }

  @Answer(S.completePasswordReset) completePasswordReset(
    @Data(CompletePasswordResetDto) dto: CompletePasswordResetDto,
  ) {
    return this.passwords.completeReset(dto);
  }

  @Answer(S.logoutAll) logoutAll(@Ctx() ctx: RequestContext) {
    return this.auth.logoutAll(ctx);
  }
}
