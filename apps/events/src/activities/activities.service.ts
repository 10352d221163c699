import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  EventsEvents,
  notFound,
  type ActivityIdRequest,
  type ActivityView,
  type CreateActivityRequest,
  type ListActivitiesRequest,
  type Page,
  type RequestContext,
  type UpdateActivityRequest,
} from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { decodeCursor, pageOf } from '@hearth/persistence';
import { EventsDatabase } from '../events-database';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import { authorise } from '../events-access';
import { SessionPlanner } from '../sessions/session-planner.service';
import { SessionsRepository } from '../sessions/sessions.repository';
import { WaitlistService } from '../rsvps/waitlist.service';
import { ActivitiesRepository } from './activities.repository';
import { Activity } from '../programme/activity.entity';
import { activityEvent, activityView } from './activity.view';
import { locationFromInput, scheduleFromInput } from './schedule-input.util';
import { activityEnded, activityPaused, noSessions } from './activities.exception';

const DEFAULT_PAGE = 50;

@Injectable()
export class ActivitiesService {
  constructor(
    private readonly db: EventsDatabase,
    private readonly planner: SessionPlanner,
    private readonly waitlist: WaitlistService,
    private readonly activities: ActivitiesRepository,
    private readonly sessions: SessionsRepository,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
  ) {}

  private now = () => this.options.now?.() ?? new Date();

  async create(ctx: RequestContext, dto: CreateActivityRequest): Promise<ActivityView> {
    const { tenantId } = authorise(ctx.actor, dto.tenantId, 'create', 'Activity');
    const schedule = scheduleFromInput(dto.schedule, this.now());
    if (this.planner.preview(schedule).length === 0) throw noSessions();
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const activity = em.create(Activity, {
        tenantId,
        title: dto.title.trim(),
        category: dto.category,
        description: dto.description?.trim() || null,
        location: dto.location ? locationFromInput(dto.location) : null,
        visibility: dto.visibility,
        capacity: dto.capacity ?? null,
        startsAtLocal: schedule.startsAt,
        durationMinutes: schedule.durationMinutes,
        timezone: schedule.timezone,
        rrule: schedule.rrule,
        status: 'active',
        publishToDirectory: dto.publishToDirectory ?? true,
        locationOnRequest: dto.locationOnRequest ?? false,
        createdAt: this.now(),
        updatedAt: this.now(),
      });
      em.persist(activity);
      await em.flush(); // sessions reference it
      await this.planner.plan(em, activity);
      recordEvent(em, EventsEvents.activityCreated, activityEvent(activity), tenantId);
      return activityView(activity);
    });
  }

  async list(ctx: RequestContext, query: ListActivitiesRequest): Promise<Page<ActivityView>> {
    const { tenantId } = authorise(ctx.actor, query.tenantId, 'read', 'Activity');
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.activities.page(this.db.forTenant(tenantId).em, {
      category: query.category,
      afterId: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit,
    });
    return pageOf(rows, limit, activityView);
  }

  async get(ctx: RequestContext, dto: ActivityIdRequest): Promise<ActivityView> {
    const { tenantId } = authorise(ctx.actor, dto.tenantId, 'read', 'Activity', 'Activity');
    return activityView(await this.find(this.db.forTenant(tenantId).em, dto.activityId));
  }

  /**
   * Changes an activity. A new schedule applies to sessions still to come only (`SessionPlanner.replan`); one
   * that keeps the first session's date may have started more than a year ago (a group that has run for years).
   */
  async update(ctx: RequestContext, dto: UpdateActivityRequest): Promise<ActivityView> {
    const { tenantId } = authorise(ctx.actor, dto.tenantId, 'update', 'Activity', 'Activity');
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const activity = await this.find(em, dto.activityId, true);
      const { tenantId: _t, activityId: _a, ...changes } = dto;
      if (Object.values(changes).every((v) => v === undefined)) return activityView(activity);
      const schedule = dto.schedule
        ? scheduleFromInput(dto.schedule, this.now(), activity.startsAtLocal)
        : undefined;
      if (schedule && activity.status === 'ended') throw activityEnded();
      if (schedule && activity.status === 'paused') throw activityPaused();
      if (schedule && this.planner.preview(schedule).length === 0) throw noSessions();
      const capacityChanged = dto.capacity !== undefined && (dto.capacity ?? null) !== activity.capacity;
      if (dto.title !== undefined) activity.title = dto.title.trim();
      if (dto.category !== undefined) activity.category = dto.category;
      if (dto.description !== undefined) activity.description = dto.description?.trim() || null;
      if (dto.location !== undefined)
        activity.location = dto.location ? locationFromInput(dto.location) : null;
      if (dto.visibility !== undefined) activity.visibility = dto.visibility;
      if (dto.capacity !== undefined) activity.capacity = dto.capacity ?? null;
      if (dto.publishToDirectory !== undefined) activity.publishToDirectory = dto.publishToDirectory;
      if (dto.locationOnRequest !== undefined) activity.locationOnRequest = dto.locationOnRequest;
      activity.updatedAt = this.now();
      if (schedule) {
        const wasRecurring = activity.rrule !== null;
        activity.startsAtLocal = schedule.startsAt;
        activity.durationMinutes = schedule.durationMinutes;
        activity.timezone = schedule.timezone;
        activity.rrule = schedule.rrule;
        await this.planner.replan(em, activity, wasRecurring);
      }
      if (capacityChanged) await this.applyCapacity(em, activity);
      recordEvent(em, EventsEvents.activityUpdated, activityEvent(activity), tenantId);
      return activityView(activity);
    });
  }

  /**
   * Removes an activity from the programme. Its sessions still to come are cancelled (so whoever RSVPed can
   * be told); past sessions and their registers stay, as history.
   */
  async delete(ctx: RequestContext, dto: ActivityIdRequest): Promise<{ deleted: true }> {
    const { tenantId } = authorise(ctx.actor, dto.tenantId, 'delete', 'Activity', 'Activity');
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const activity = await this.find(em, dto.activityId, true);
      const coming = await this.sessions.lockComing(em, activity.id, this.now());
      for (const session of coming) this.planner.cancel(em, session, activity, 'The activity was removed.');
      activity.deletedAt = this.now();
      activity.materializedUntil = null;
      recordEvent(em, EventsEvents.activityDeleted, activityEvent(activity), tenantId);
      return { deleted: true as const };
    });
  }

  /** A new capacity applies to sessions still to come; a larger one gives waitlisted members their place. */
  private async applyCapacity(em: EntityManager, activity: Activity): Promise<void> {
    const coming = await this.sessions.lockComing(em, activity.id, this.now());
    for (const session of coming) {
      session.capacity = activity.capacity;
      await this.waitlist.promote(em, session);
    }
  }

  private async find(em: EntityManager, activityId: string, lock = false): Promise<Activity> {
    const activity = await this.activities.find(em, activityId, lock);
    if (!activity) throw notFound('Activity');
    return activity;
  }
}
