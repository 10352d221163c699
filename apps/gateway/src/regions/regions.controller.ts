import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  CreateRegionDto,
  REGION_ROLES,
  RegionInvitationDto,
  TenantsClient,
  type RegionRole,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody } from '../http/api-contract';
import { Context, UuidParam } from '../http/request-context';

@ApiTags('regions')
@ApiBearerAuth()
@Controller('api/v1/regions')
export class RegionsController {
  constructor(private readonly tenants: TenantsClient) {}

  @Post()
  @ApiContractBody(CreateRegionDto)
  create(@Context() ctx: RequestContext, @Body(new ContractPipe(CreateRegionDto)) dto: CreateRegionDto) {
    return this.tenants.createRegion(ctx, dto);
  }

  @Get()
  list(@Context() ctx: RequestContext) {
    return this.tenants.listRegions(ctx);
  }

  @Post(':regionId/invitations')
  @ApiContractBody(RegionInvitationDto)
  invite(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Body(new ContractPipe(RegionInvitationDto)) dto: RegionInvitationDto,
  ) {
    return this.tenants.inviteToRegion(ctx, regionId, dto);
  }

  @Get(':regionId/team')
  @ApiOperation({ summary: 'The region’s admins and commissioners, and pending invitations (its admins)' })
  team(@Context() ctx: RequestContext, @UuidParam('regionId') regionId: string) {
    return this.tenants.regionTeam(ctx, regionId);
  }

  @Delete(':regionId/team/:accountId/roles/:role')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Take a region role away (204); the person’s sign-ins end at once',
    description: 'The region’s admins and platform admins; anyone may give up their own role.',
  })
  @ApiParam({ name: 'role', enum: REGION_ROLES })
  async removeRole(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('accountId') accountId: string,
    @Param('role') role: string,
  ): Promise<void> {
    await this.tenants.removeRegionRole(ctx, regionId, accountId, role as RegionRole);
  }
}
