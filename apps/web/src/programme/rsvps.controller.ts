import { Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../api/api-error';
import { field } from '../http/form.util';
import { SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { memberIdIn } from '../navigation/navigation';
import { flash, session } from '../session/web-session';
import { sessionCard } from './session-card';

/**
 * A member says they are coming to a session, or no longer. RSVPs are a member's own: their account must be
 * linked to a member record of this LERO (`@Lero('member')`).
 */
@WebController('leros/:tenantId/sessions/:sessionId/rsvp')
export class RsvpsController {
  constructor(private readonly pages: Pages) {}

  /** Going while there are places, else on the waitlist. */
  @Post()
  @SignedInForm()
  async rsvp(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('member') { lero, calls, viewer }: LeroPage,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    const s = await calls.session(lero.id, sessionId);
    try {
      const rsvp = await calls.rsvp(lero.id, s.id, memberIdIn(viewer, lero.id)!);
      session(req).set('flash', {
        success:
          rsvp.status === 'going'
            ? { title: 'You’re going', text: `See you at ${s.title} on ${sessionCard(s).day}.` }
            : {
                title: 'You’re on the waitlist',
                text: `${s.title} is full. If a place comes free, it is yours.`,
              },
      });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 409) throw err;
      return this.pages.error(req, reply, {
        status: 409,
        title: 'You cannot say you are coming to this session',
        paragraphs: [err.detail],
      });
    }
    await this.pages.redirect(reply, backTo(req, `/leros/${lero.id}/sessions/${s.id}`));
  }

  @Post('cancel')
  @SignedInForm()
  async withdraw(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('member') { lero, calls, viewer }: LeroPage,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    const s = await calls.session(lero.id, sessionId);
    try {
      await calls.withdrawRsvp(lero.id, s.id, memberIdIn(viewer, lero.id)!);
    } catch (err) {
      // Already withdrawn (another tab): the result is what they asked for.
      if (!(err instanceof ApiError) || err.status !== 404) throw err;
    }
    flash(req, 'You’re no longer going', `Your place at ${s.title} is free for someone else.`);
    await this.pages.redirect(reply, backTo(req, `/leros/${lero.id}/sessions/${s.id}`));
  }
}

/** Where a member's RSVP form came from (the list or the session), when it is one of this LERO's pages. */
function backTo(req: WebRequest, fallback: string): string {
  const back = field(req.body, 'back');
  const base = fallback.split('/sessions/')[0];
  const local =
    /^[\w\-/?=&%.]+$/.test(back) && !back.includes('..') && (back === base || back.startsWith(`${base}/`));
  return local ? back : fallback;
}
