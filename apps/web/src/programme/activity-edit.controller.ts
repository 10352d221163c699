import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ActivityView, TenantView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { flash } from '../session/web-session';
import { activityChanges, formFromActivity, type ActivityEditForm } from './activity-edit';
import {
  ACTIVITY_ANCHORS,
  ACTIVITY_API_IDS,
  ACTIVITY_FIELDS,
  ACTIVITY_LABELS,
  activityFormChoices,
  readActivityForm,
  type ActivityFormValues,
} from './activity-form';
import { describeSchedule } from './recurrence';

/**
 * Changing an activity: the form it was created with, filled in as it is. A new time, place, number of places
 * or pattern applies to its sessions still to come; those that have happened stay as they were (ADR 0032).
 */
@WebController('leros/:tenantId/activities/:activityId/edit')
export class ActivityEditController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async edit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero, calls }: LeroPage,
    @uuidParam('activityId') activityId: string,
  ): Promise<void> {
    const activity = await calls.activity(lero.id, activityId);
    const form = formFromActivity(activity);
    await this.render(req, reply, lero, activity, form, form.values, NO_ERRORS);
  }

  @Post()
  @SignedInForm()
  async change(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero, calls }: LeroPage,
    @uuidParam('activityId') activityId: string,
  ): Promise<void> {
    const activity = await calls.activity(lero.id, activityId);
    const before = formFromActivity(activity);
    const values = readActivityForm(req.body);
    const errors = new FormErrors();
    const changes = activityChanges(before, values, errors);
    const href = `/leros/${lero.id}/activities/${activity.id}`;
    let status = 400;
    if (changes && Object.keys(changes).length === 0) {
      flash(req, 'Nothing was changed', `${activity.title} is as it was.`);
      return this.pages.redirect(reply, href);
    }
    if (changes) {
      try {
        const changed = await calls.updateActivity(lero.id, activity.id, changes);
        flash(
          req,
          `${changed.title} is changed`,
          changes.schedule
            ? 'Its sessions still to come follow the new times; sessions that have happened stay as they were.'
            : 'Its sessions still to come show the change.',
        );
        return this.pages.redirect(reply, href);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
        status = err.status;
        // A paused or ended activity keeps its schedule: the refusal belongs to "When it happens".
        errors.fromApi(err, ACTIVITY_LABELS, err.status === 409 ? 'startDate' : 'title', ACTIVITY_API_IDS);
      }
    }
    await this.render(
      req,
      reply,
      lero,
      activity,
      before,
      values,
      errors.view(ACTIVITY_FIELDS, ACTIVITY_ANCHORS),
      status,
    );
  }

  private render(
    req: WebRequest,
    reply: FastifyReply,
    lero: TenantView,
    activity: ActivityView,
    form: ActivityEditForm,
    values: ActivityFormValues,
    errors: FormView,
    status = 200,
  ) {
    return this.pages.render(
      req,
      reply,
      'programme/activity-form',
      {
        lero,
        values,
        errors,
        ...activityFormChoices(values, errors, form.context),
        editing: {
          id: activity.id,
          title: activity.title,
          status: activity.status,
          customRule: form.customRule,
          when: describeSchedule(activity.schedule).when,
        },
      },
      status,
    );
  }
}
