import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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

  @Post(':activityId/pause')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pause an activity',
    description:
      'Takes every session still to come off the programme until the activity is resumed: sessions anyone ' +
      'RSVPed to are cancelled (so they can be told), the others removed. Sessions that have started or have a ' +
      'register stay. Pausing a paused activity changes nothing; an ended one answers 409 `ActivityEnded`.',
  })
  pause(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('activityId') activityId: string,
  ) {
    return this.events.transitionActivity(ctx, tenantId, activityId, 'pause');
  }

  @Post(':activityId/resume')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resume a paused activity',
    description:
      'Lays its schedule out again from now on. A session the pause cancelled stays cancelled. Resuming an ' +
      'active activity changes nothing; an ended one answers 409 `ActivityEnded`.',
  })
  resume(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('activityId') activityId: string,
  ) {
    return this.events.transitionActivity(ctx, tenantId, activityId, 'resume');
  }

  @Post(':activityId/end')
  @HttpCode(200)
  @ApiOperation({
    summary: 'End an activity',
    description:
      'For good: no session still to come (as for pausing), and none is laid out again. The sessions it held ' +
      'and their registers stay, and the activity stays listed with status `ended`.',
  })
  end(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('activityId') activityId: string,
  ) {
    return this.events.transitionActivity(ctx, tenantId, activityId, 'end');
  }
}
