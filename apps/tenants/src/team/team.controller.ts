import {
  BreakGlassRequest,
  RegionIdRequest,
  RemoveRegionRoleRequest,
  RemoveTenantRoleRequest,
  TenantIdRequest,
  TenantsSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { TenantTeamService } from './tenant-team.service';
import { RegionTeamService } from './region-team.service';
import { BreakGlassService } from './break-glass.service';

/** A LERO's or a region's team, taking a role away, and appointing an admin for a LERO with none. */
@MessageController()
export class TeamController {
  constructor(
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
}
