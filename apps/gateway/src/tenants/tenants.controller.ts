import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CreateTenantDto,
  ListAuditQuery,
  ListTenantsQuery,
  TenantInvitationDto,
  TenantsClient,
  UpdateTenantDto,
  type RequestContext,
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
  @ApiContractQuery('regionId', 'limit', 'cursor')
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
  @ApiContractQuery('limit', 'cursor')
  audit(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListAuditQuery)) query: ListAuditQuery,
  ) {
    return this.audits.list(ctx, tenantId, query);
  }
}
