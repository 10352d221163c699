import {
  ListTenantsQuery,
  TenantIdRequest,
  TenantsSubjects as S,
  TransitionTenantRequest,
  UpdateTenantRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { TenantsService } from './tenants.service';

/** The registry of LEROs: reading one, changing its details, moving it through its lifecycle. */
@MessageController()
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

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

  @Answer(S.startLeroExport) startExport(
    @Ctx() ctx: RequestContext,
    @Data(TenantIdRequest) dto: TenantIdRequest,
  ) {
    return this.tenants.startExport(ctx, dto.tenantId);
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
}
