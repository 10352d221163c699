import {
  AcceptInvitationDto,
  CreateRegionDto,
  CreateTenantDto,
  InviteToRegionRequest,
  InviteToTenantRequest,
  ListAuditRequest,
  ListTenantsQuery,
  LoginDto,
  RefreshDto,
  TenantIdRequest,
  TenantsSubjects as S,
  TransitionTenantRequest,
  UpdateTenantRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { AuthService } from './auth/auth.service';
import { RegionsService } from './regions/regions.service';
import { TenantsService } from './leros/tenants.service';
import { InvitationsService } from './invitations/invitations.service';
import { AcceptInvitationUseCase } from './invitations/accept-invitation.use-case';

/** NATS handlers of the tenants service: one-line delegations; the rules live in the services. */
@MessageController()
export class TenantsController {
  constructor(
    private readonly auth: AuthService,
    private readonly regions: RegionsService,
    private readonly tenants: TenantsService,
    private readonly invitations: InvitationsService,
    private readonly acceptance: AcceptInvitationUseCase,
  ) {}

  @Answer(S.login) login(@Data(LoginDto) dto: LoginDto) {
    return this.auth.login(dto);
  }

  @Answer(S.refresh) refresh(@Data(RefreshDto) dto: RefreshDto) {
    return this.auth.refresh(dto);
  }

  @Answer(S.logout) logout(@Data(RefreshDto) dto: RefreshDto) {
    return this.auth.logout(dto);
  }

  @Answer(S.me) me(@Ctx() ctx: RequestContext) {
    return this.auth.me(ctx);
  }

  @Answer(S.createRegion) createRegion(
    @Ctx() ctx: RequestContext,
    @Data(CreateRegionDto) dto: CreateRegionDto,
  ) {
    return this.regions.create(ctx, dto);
  }

  @Answer(S.listRegions) listRegions(@Ctx() ctx: RequestContext) {
    return this.regions.list(ctx);
  }

  @Answer(S.inviteToRegion) inviteToRegion(
    @Ctx() ctx: RequestContext,
    @Data(InviteToRegionRequest) dto: InviteToRegionRequest,
  ) {
    return this.invitations.inviteToRegion(ctx, dto);
  }

  @Answer(S.createTenant) createTenant(
    @Ctx() ctx: RequestContext,
    @Data(CreateTenantDto) dto: CreateTenantDto,
  ) {
    return this.tenants.create(ctx, dto);
  }

  @Answer(S.listTenants) listTenants(
    @Ctx() ctx: RequestContext,
    @Data(ListTenantsQuery) dto: ListTenantsQuery,
  ) {
    return this.tenants.list(ctx, dto);
  }

  @Answer(S.getTenant) getTenant(@Ctx() ctx: RequestContext, @Data(TenantIdRequest) dto: TenantIdRequest) {
    return this.tenants.get(ctx, dto.tenantId);
  }

  @Answer(S.tenantAccess) tenantAccess(
    @Ctx() ctx: RequestContext,
    @Data(TenantIdRequest) dto: TenantIdRequest,
  ) {
    return this.tenants.access(ctx, dto.tenantId);
  }

  @Answer(S.updateTenant) updateTenant(
    @Ctx() ctx: RequestContext,
    @Data(UpdateTenantRequest) dto: UpdateTenantRequest,
  ) {
    return this.tenants.update(ctx, dto);
  }

  @Answer(S.transitionTenant) transition(
    @Ctx() ctx: RequestContext,
    @Data(TransitionTenantRequest) dto: TransitionTenantRequest,
  ) {
    return this.tenants.transition(ctx, dto);
  }

  @Answer(S.inviteToTenant) inviteToTenant(
    @Ctx() ctx: RequestContext,
    @Data(InviteToTenantRequest) dto: InviteToTenantRequest,
  ) {
    return this.invitations.inviteToTenant(ctx, dto);
  }

  @Answer(S.listAudit) listAudit(@Ctx() ctx: RequestContext, @Data(ListAuditRequest) dto: ListAuditRequest) {
    return this.tenants.listAudit(ctx, dto);
  }

  @Answer(S.acceptInvitation) accept(
    @Ctx() ctx: RequestContext,
    @Data(AcceptInvitationDto) dto: AcceptInvitationDto,
  ) {
    return this.acceptance.accept(ctx, dto);
  }
}
