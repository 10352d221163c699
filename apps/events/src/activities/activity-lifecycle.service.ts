import { Inject, Injectable } from '@nestjs/common';
import {
  EventsEvents,
  notFound,
  type ActivityView,
  type RequestContext,
  type TransitionActivityRequest,
} from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { EventsDatabase } from '../events-database';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import { authorise } from '../events-access';
import { SessionPlanner } from '../sessions/session-planner.service';
import { ActivitiesRepository } from './activities.repository';
import { activityEvent, activityView } from './activity.view';
import { activityEnded } from './activities.exception';

/**
 * An activity's life (ADR 0032): pausing takes every session still to come off the programme until it is
 * resumed; ending does so for good. Sessions that started or have a register are never touched. Asking for the
 * state it is already in changes nothing and answers the activity as it is.
 */
@Injectable()
export class ActivityLifecycleService {
  constructor(
    private readonly db: EventsDatabase,
    private readonly planner: SessionPlanner,
    private readonly activities: ActivitiesRepository,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
  ) {}

  private now = () => this.options.now?.() ?? new Date();

  async transition(ctx: RequestContext, dto: TransitionActivityRequest): Promise<ActivityView> {
    const { tenantId } = authorise(ctx.actor, dto.tenantId, 'update', 'Activity', 'Activity');
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const activity = await this.activities.find(em, dto.activityId, true);
      if (!activity) throw notFound('Activity');
      const target = { pause: 'paused', resume: 'active', end: 'ended' }[dto.transition];
      if (activity.status === target) return activityView(activity);
      if (activity.status === 'ended') throw activityEnded();
      const now = this.now();
      if (dto.transition === 'resume') {
        activity.status = 'active';
        activity.statusChangedAt = null;
        await this.planner.resume(em, activity);
      } else {
        const paused = dto.transition === 'pause';
        await this.planner.clearComing(
          em,
          activity,
          paused ? 'The activity is paused.' : 'The activity has ended.',
        );
        activity.status = paused ? 'paused' : 'ended';
        activity.statusChangedAt = now;
        if (!paused) activity.materializedUntil = null;
      }
      activity.updatedAt = now;
      const subject = {
        pause: EventsEvents.activityPaused,
        resume: EventsEvents.activityResumed,
        end: EventsEvents.activityEnded,
      }[dto.transition];
      recordEvent(em, subject, activityEvent(activity), tenantId);
      return activityView(activity);
    });
  }
}
