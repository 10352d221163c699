import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  BreakGlassDto,
  CreateTenantDto,
  TENANT_ROLES,
  ListAuditQuery,
  ListTenantsQuery,
  TenantInvitationDto,
  TenantsClient,
  UpdateTenantDto,
  type RequestContext,
  type TenantRole,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { Context, UuidParam } from '../http/request-context';
import { LeroAuditService } from '../audit/lero-audit.service';

@ApiTags('tenants')
@ApiBearerAuth()
@Controller('api/v1/tenants')
export class TenantsController {
  constructor(
    private readonly tenants: TenantsClient,
    private readonly audits: LeroAuditService,
  ) {}

  @Post()
  @ApiContractBody(CreateTenantDto)
  create(@Context() ctx: RequestContext, @Body(new ContractPipe(CreateTenantDto)) dto: CreateTenantDto) {
    return this.tenants.createTenant(ctx, dto);
  }

  @Get()
  @ApiContractQuery(ListTenantsQuery)
  list(@Context() ctx: RequestContext, @Query(new ContractPipe(ListTenantsQuery)) query: ListTenantsQuery) {
    return this.tenants.listTenants(ctx, query);
  }

  @Get(':tenantId')
  get(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.tenants.getTenant(ctx, tenantId);
  }

  @Patch(':tenantId')
  @ApiContractBody(UpdateTenantDto)
  update(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(UpdateTenantDto)) dto: UpdateTenantDto,
  ) {
    return this.tenants.updateTenant(ctx, tenantId, dto);
  }

  @Post(':tenantId/suspend')
  @HttpCode(200)
  suspend(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.tenants.transitionTenant(ctx, tenantId, 'suspend');
  }

  @Post(':tenantId/activate')
  @HttpCode(200)
  activate(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.tenants.transitionTenant(ctx, tenantId, 'activate');
  }

  @Post(':tenantId/archive')
  @HttpCode(200)
  archive(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.tenants.transitionTenant(ctx, tenantId, 'archive');
  }

  @Post(':tenantId/invitations')
  @ApiContractBody(TenantInvitationDto)
  invite(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(TenantInvitationDto)) dto: TenantInvitationDto,
  ) {
    return this.tenants.inviteToTenant(ctx, tenantId, dto);
  }

  @Get(':tenantId/audit')
  @ApiContractQuery(ListAuditQuery)
  audit(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListAuditQuery)) query: ListAuditQuery,
  ) {
    return this.audits.list(ctx, tenantId, query);
  }

  @Get(':tenantId/team')
  @ApiOperation({
    summary: 'Accounts with their roles in this LERO, and pending invitations',
    description:
      'Its admins and coordinators see everyone; region and platform admins see its tenant-admins only.',
  })
  team(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.tenants.tenantTeam(ctx, tenantId);
  }

  @Delete(':tenantId/team/:accountId/roles/:role')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Take a role away (204); the person’s sign-ins end at once',
    description:
      'Tenant-admins any role, coordinators volunteer and member roles, anyone their own. The last enabled tenant-admin cannot be removed (409 LastTenantAdmin).',
  })
  @ApiParam({ name: 'role', enum: TENANT_ROLES })
  async removeRole(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('accountId') accountId: string,
    @Param('role') role: string,
  ): Promise<void> {
    await this.tenants.removeTenantRole(ctx, tenantId, accountId, role as TenantRole);
  }

  @Post(':tenantId/break-glass')
  @ApiOperation({
    summary: 'Appoint a tenant-admin for a LERO with none (region and platform admins)',
    description:
      'Needs a reason; the LERO’s contact email is told and the appointment can be accepted only after the notice period (72 h). Cancel it with DELETE /invitations/{id}.',
  })
  @ApiContractBody(BreakGlassDto)
  breakGlass(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(BreakGlassDto)) dto: BreakGlassDto,
  ) {
    return this.tenants.breakGlass(ctx, tenantId, dto);
  }
}
