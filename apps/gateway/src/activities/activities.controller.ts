import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  CreateActivityDto,
  EventsClient,
  ListActivitiesQuery,
  UpdateActivityDto,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

@ApiTag('activities')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/activities')
export class ActivitiesController {
  constructor(private readonly events: EventsClient) {}

  @Post()
  @ApiDoc({
    summary: 'Add an activity to the programme',
    description:
      '`{title, category, visibility, schedule, description?, location?, capacity?, publishToDirectory?, locationOnRequest?}`. `schedule.startsAt` is wall-clock time (`2027-01-05T10:00`) in `schedule.timezone` (Europe/London unless given); `schedule.rrule` repeats it (RFC 5545, e.g. `FREQ=WEEKLY;BYDAY=TU`), keeping the wall-clock time across daylight-saving changes. Sessions are laid out from it at once, each with its own id. `visibility: public` lists it on the LERO’s public pages and calendar feed; `members` keeps it to the LERO’s people. `capacity` limits RSVPs (others are waitlisted). A public activity is in the region’s directory while the LERO publishes there, unless `publishToDirectory: false` (default true); `locationOnRequest: true` (default false) keeps its address out of the directory, the public pages and the calendar feed, which show the postcode’s district and “location on request”. Answers the activity.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors:
      '400 on `schedule.rrule` for a rule that is not valid or gives no sessions, on `schedule.startsAt` for a time the clocks skip or more than a year ago; 403 for its volunteers and members; 404 for region and platform staff (they see no LERO’s programme).',
  })
  @ApiContractBody(CreateActivityDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(CreateActivityDto)) dto: CreateActivityDto,
  ) {
    return this.events.createActivity(ctx, tenantId, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The LERO’s activities',
    description:
      'A page of activities still on the programme (`limit` 50 unless given, at most 100), optionally of one `category`. For what happens when, list sessions.',
    who: 'Anyone holding a role in the LERO: tenant-admins, coordinators, volunteers, members.',
    errors: '404 for region and platform staff.',
  })
  @ApiContractQuery(ListActivitiesQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListActivitiesQuery)) query: ListActivitiesQuery,
  ) {
    return this.events.listActivities(ctx, tenantId, query);
  }

  @Get(':activityId')
  @ApiDoc({
    summary: 'One activity',
    description:
      'Answers `{id, title, category, description, location, visibility, capacity, schedule: {startsAt, durationMinutes, timezone, rrule}, status, publishToDirectory, locationOnRequest, statusChangedAt, createdAt, updatedAt}`.',
    who: 'Anyone holding a role in the LERO.',
    errors: '404 for an activity removed from the programme, and for region and platform staff.',
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('activityId') activityId: string,
  ) {
    return this.events.getActivity(ctx, tenantId, activityId);
  }

  @Patch(':activityId')
  @ApiDoc({
    summary: 'Change an activity',
    description:
      'Fields left out stay as they are; `null` clears `description`, `location` and `capacity`. A new `schedule` (given whole) applies to sessions still to come: one the new schedule also has keeps its id and RSVPs, one it no longer has is cancelled when anyone RSVPed and removed otherwise, and a session where people were checked in is never changed. A larger capacity gives waitlisted members their places. Answers the activity.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors:
      '400 on `schedule.rrule` or `schedule.startsAt` as when adding one; 403 for its volunteers and members; 404 for an activity removed from the programme.',
  })
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
  @ApiDoc({
    summary: 'Remove an activity from the programme',
    description:
      'Its sessions still to come are cancelled (so whoever RSVPed can be told); past sessions and their registers stay, as history, and still count in reports. Answers 204.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors: '403 for its volunteers and members; 404 for an activity already removed.',
  })
  async delete(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('activityId') activityId: string,
  ): Promise<void> {
    await this.events.deleteActivity(ctx, tenantId, activityId);
  }

  @Post(':activityId/pause')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Pause an activity',
    description:
      'Takes every session still to come off the programme until the activity is resumed: sessions anyone ' +
      'RSVPed to are cancelled (so they can be told), the others removed. Sessions that have started or have a ' +
      'register stay. Pausing a paused activity changes nothing; an ended one answers 409 `ActivityEnded`.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors: '403 for its volunteers and members; 404 for an activity removed from the programme.',
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
  @ApiDoc({
    summary: 'Resume a paused activity',
    description:
      'Lays its schedule out again from now on. A session the pause cancelled stays cancelled. Resuming an ' +
      'active activity changes nothing; an ended one answers 409 `ActivityEnded`.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors: '403 for its volunteers and members; 404 for an activity removed from the programme.',
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
  @ApiDoc({
    summary: 'End an activity',
    description:
      'For good: no session still to come (as for pausing), and none is laid out again. The sessions it held ' +
      'and their registers stay, and the activity stays listed with status `ended`.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors: '403 for its volunteers and members; 404 for an activity removed from the programme.',
  })
  end(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('activityId') activityId: string,
  ) {
    return this.events.transitionActivity(ctx, tenantId, activityId, 'end');
  }
}
