import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ActivityTransition } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { SignedIn, SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { refusalTitle } from '../http/reason-titles';
import { WebController } from '../http/web-controller';
import { flash } from '../session/web-session';
import { people } from './session-card';

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

/** An activity's life, for the LERO's staff: pause it, resume it, end it (ADR 0032). */
@WebController('leros/:tenantId/activities/:activityId')
export class ActivityLifecycleController {
  constructor(private readonly pages: Pages) {}

  // Pausing and ending ask first (sessions are cancelled, people told); resuming is one button.
  @Get('pause')
  @SignedIn()
  confirmPause(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @uuidParam('activityId') activityId: string,
  ): Promise<void> {
    return this.confirm(req, reply, page, activityId, 'pause');
  }

  @Get('end')
  @SignedIn()
  confirmEnd(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @uuidParam('activityId') activityId: string,
  ): Promise<void> {
    return this.confirm(req, reply, page, activityId, 'end');
  }

  @Post('pause')
  @SignedInForm()
  pause(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @uuidParam('activityId') activityId: string,
  ): Promise<void> {
    return this.change(req, reply, page, activityId, 'pause');
  }

  @Post('resume')
  @SignedInForm()
  resume(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @uuidParam('activityId') activityId: string,
  ): Promise<void> {
    return this.change(req, reply, page, activityId, 'resume');
  }

  @Post('end')
  @SignedInForm()
  end(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @uuidParam('activityId') activityId: string,
  ): Promise<void> {
    return this.change(req, reply, page, activityId, 'end');
  }

  /** What pausing or ending does to this activity, before it is done. */
  private async confirm(
    req: WebRequest,
    reply: FastifyReply,
    { lero, calls }: LeroPage,
    activityId: string,
    transition: 'pause' | 'end',
  ): Promise<void> {
    const activity = await calls.activity(lero.id, activityId);
    const href = `/leros/${lero.id}/activities/${activity.id}`;
    if (activity.status === 'ended' || (transition === 'pause' && activity.status === 'paused'))
      return this.pages.redirect(reply, href, 302);
    const { items } = await calls.sessions(lero.id, { activityId: activity.id, limit: 200 });
    const coming = items.filter((s) => s.status === 'scheduled' && Date.parse(s.startsAt) > Date.now());
    const told = coming.reduce((n, s) => n + s.going + s.waitlisted, 0);
    await this.pages.render(req, reply, 'programme/activity-lifecycle', {
      lero,
      activity: { id: activity.id, title: activity.title },
      transition,
      coming: coming.length,
      told: told ? people(told) : undefined,
      href,
    });
  }

  private async change(
    req: WebRequest,
    reply: FastifyReply,
    { lero, calls }: LeroPage,
    activityId: string,
    transition: ActivityTransition,
  ): Promise<void> {
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
