import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateRegionDto, RegionInvitationDto, TenantsClient, type RequestContext } from '@hearth/contracts';
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
}
