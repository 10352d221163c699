import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ActivityView, TenantView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, type FormView } from '../http/form.util';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { daysFromToday, longDate, startOfToday } from '../http/time';
import { WebController } from '../http/web-controller';
import { Lero, type LeroPage } from '../http/lero-page';
import { SignedIn, SignedInForm } from '../http/guards';
import { isStaffOf, keepsRegisterOf } from '../navigation/navigation';
import { session } from '../session/web-session';
import {
  ACTIVITY_ANCHORS,
  ACTIVITY_API_IDS,
  ACTIVITY_FIELDS,
  ACTIVITY_LABELS,
  activityFormChoices,
  activityRequest,
  emptyActivityForm,
  readActivityForm,
  type ActivityFormValues,
} from './activity-form';
import { categoryName } from './categories';
import { describeSchedule } from './recurrence';
import { byDay, placeOf, sessionCard } from './session-card';

/** How far ahead the activities page lists sessions. */
const COMING_DAYS = 14;

/**
 * A LERO's activities (the groups it runs) and their sessions: everyone in the LERO reads the programme; its
 * admins and coordinators create them (and change, pause and end them: `activity-edit`, `activity-lifecycle`).
 */
@WebController('leros/:tenantId/activities')
export class ActivitiesController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('team') { lero, calls, viewer }: LeroPage,
  ): Promise<void> {
    const [activities, sessions] = await Promise.all([
      calls.activities(lero.id, { limit: 100 }),
      calls.sessions(lero.id, { from: startOfToday(), to: daysFromToday(COMING_DAYS), limit: 100 }),
    ]);
    // Running ones first; ended ones last (they are history).
    const order = { active: 0, paused: 1, ended: 2 };
    await this.pages.render(req, reply, 'programme/activities', {
      lero,
      staff: isStaffOf(viewer, lero.id),
      keepsRegister: keepsRegisterOf(viewer, lero.id),
      activities: activities.items
        .map((a) => activitySummary(a))
        .sort((a, b) => order[a.status] - order[b.status]),
      moreActivities: !!activities.nextCursor,
      days: byDay(sessions.items.map((s) => sessionCard(s))),
      comingDays: COMING_DAYS,
    });
  }

  @Get('new')
  @SignedIn()
  async newActivity(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero }: LeroPage,
  ): Promise<void> {
    await this.renderForm(req, reply, lero, emptyActivityForm(), NO_ERRORS);
  }

  @Post()
  @SignedInForm()
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero, calls }: LeroPage,
  ): Promise<void> {
    const values = readActivityForm(req.body);
    const errors = new FormErrors();
    const dto = activityRequest(values, errors);
    let status = 400;
    if (dto) {
      try {
        const activity = await calls.createActivity(lero.id, dto);
        const when = describeSchedule(activity.schedule);
        session(req).set('flash', {
          success: { title: `${activity.title} is on the programme`, text: `${when.when}, ${when.detail}.` },
        });
        return this.pages.redirect(reply, `/leros/${lero.id}/activities/${activity.id}`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        status = err.status;
        errors.fromApi(err, ACTIVITY_LABELS, 'title', ACTIVITY_API_IDS);
      }
    }
    await this.renderForm(req, reply, lero, values, errors.view(ACTIVITY_FIELDS, ACTIVITY_ANCHORS), status);
  }

  @Get(':activityId')
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('team') { lero, calls, viewer }: LeroPage,
    @uuidParam('activityId') activityId: string,
  ): Promise<void> {
    const activity = await calls.activity(lero.id, activityId);
    const sessions = await calls.sessions(lero.id, {
      activityId: activity.id,
      from: startOfToday(),
      limit: 12,
    });
    await this.pages.render(req, reply, 'programme/activity', {
      lero,
      staff: isStaffOf(viewer, lero.id),
      keepsRegister: keepsRegisterOf(viewer, lero.id),
      activity: activitySummary(activity),
      sessions: sessions.items.map((s) => sessionCard(s)),
      moreSessions: !!sessions.nextCursor,
    });
  }

  private renderForm(
    req: WebRequest,
    reply: FastifyReply,
    lero: TenantView,
    values: ActivityFormValues,
    errors: FormView,
    status = 200,
  ) {
    return this.pages.render(
      req,
      reply,
      'programme/activity-form',
      { lero, values, errors, ...activityFormChoices(values, errors) },
      status,
    );
  }
}

export function activitySummary(a: ActivityView) {
  const when = describeSchedule(a.schedule);
  return {
    id: a.id,
    title: a.title,
    category: categoryName(a.category),
    description: a.description,
    when: when.when,
    detail: when.detail,
    place: placeOf(a.location),
    onlineUrl: a.location?.onlineUrl ?? undefined,
    membersOnly: a.visibility === 'members',
    capacity: a.capacity,
    status: a.status,
    /** "Paused since 3 March 2027", "Ended on 3 March 2027". */
    statusSince: a.statusChangedAt ? longDate(a.statusChangedAt).replace(/^\w+ /, '') : undefined,
  };
}
