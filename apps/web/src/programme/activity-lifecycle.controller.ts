import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ActivityTransition } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { SignedIn, SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { refusalTitle } from '../http/reason-titles';
import { WebController } from '../http/web-controller';
import { PageNotFound } from '../http/web-errors';
import { flash } from '../session/web-session';
import { people } from './session-card';

/** Pausing and ending ask first (sessions are cancelled, people told); resuming is one button. */
const CONFIRMED: readonly string[] = ['pause', 'end'];

const DONE: Record<ActivityTransition, (title: string) => [string, string]> = {
  pause: (title) => [
    `${title} is paused`,
    'Its sessions still to come are off the programme until you resume it.',
  ],
  resume: (title) => [`${title} is back on`, 'Its sessions from now on are on the programme again.'],
  end: (title) => [
    `${title} has ended`,
    'It has no more sessions. The sessions it held, and their registers, are kept.',
  ],
};

const transitionOf = (change: string, allowed: readonly string[]): ActivityTransition => {
  if (!allowed.includes(change)) throw new PageNotFound();
  return change as ActivityTransition;
};

/** An activity's life, for the LERO's staff: pause it, resume it, end it (ADR 0032). */
@WebController('leros/:tenantId/activities/:activityId')
export class ActivityLifecycleController {
  constructor(private readonly pages: Pages) {}

  /** What pausing or ending does to this activity, before it is done. */
  @Get(':change')
  @SignedIn()
  async confirm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero, calls }: LeroPage,
    @uuidParam('activityId') activityId: string,
    @Param('change') change: string,
  ): Promise<void> {
    const transition = transitionOf(change, CONFIRMED);
    const activity = await calls.activity(lero.id, activityId);
    const href = `/leros/${lero.id}/activities/${activity.id}`;
    if (activity.status === 'ended' || (transition === 'pause' && activity.status === 'paused'))
      return this.pages.redirect(reply, href, 302);
    const { items } = await calls.sessions(lero.id, { activityId: activity.id, limit: 200 });
    const coming = items.filter((s) => s.status === 'scheduled' && Date.parse(s.startsAt) > Date.now());
    const told = coming.reduce((n, s) => n + s.going + s.waitlisted, 0);
    await this.pages.render(req, reply, 'programme/activity-lifecycle', {
      lero,
      activity: { id: activity.id, title: activity.title, paused: activity.status === 'paused' },
      transition,
      coming: coming.length,
      told: told ? people(told) : undefined,
      href,
    });
  }

  @Post(':change')
  @SignedInForm()
  async change(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero, calls }: LeroPage,
    @uuidParam('activityId') activityId: string,
    @Param('change') change: string,
  ): Promise<void> {
    const transition = transitionOf(change, ['pause', 'resume', 'end']);
    try {
      const activity = await calls.transitionActivity(lero.id, activityId, transition);
      flash(req, ...DONE[transition](activity.title));
      await this.pages.redirect(reply, `/leros/${lero.id}/activities/${activity.id}`);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 409) throw err;
      await this.pages.error(req, reply, {
        status: 409,
        title: refusalTitle(err.reason),
        paragraphs: [err.detail],
      });
    }
  }
}
