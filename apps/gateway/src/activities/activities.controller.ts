import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CreateActivityDto,
  EventsClient,
  ListActivitiesQuery,
  UpdateActivityDto,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

@ApiTags('activities')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/activities')
export class ActivitiesController {
  constructor(private readonly events: EventsClient) {}

  @Post()
  @ApiContractBody(CreateActivityDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(CreateActivityDto)) dto: CreateActivityDto,
  ) {
    return this.events.createActivity(ctx, tenantId, dto);
  }

  @Get()
  @ApiContractQuery(ListActivitiesQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListActivitiesQuery)) query: ListActivitiesQuery,
  ) {
    return this.events.listActivities(ctx, tenantId, query);
  }

  @Get(':activityId')
  get(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('activityId') activityId: string,
  ) {
    return this.events.getActivity(ctx, tenantId, activityId);
  }

  @Patch(':activityId')
  @ApiContractBody(UpdateActivityDto)
  update(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('activityId') activityId: string,
    @Body(new ContractPipe(UpdateActivityDto)) dto: UpdateActivityDto,
  ) {
    return this.events.updateActivity(ctx, tenantId, activityId, dto);
  }

  @Delete(':activityId')
  @HttpCode(204)
  async delete(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('activityId') activityId: string,
  ): Promise<void> {
    await this.events.deleteActivity(ctx, tenantId, activityId);
  }
}
