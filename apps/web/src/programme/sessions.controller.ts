import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { RsvpStatus } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, field } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { startOfToday } from '../http/time';
import { WebController } from '../http/web-controller';
import { isStaffOf, keepsRegisterOf, memberIdIn } from '../navigation/navigation';
import { flash } from '../session/web-session';
import { ownRsvps } from './own-rsvps';
import { byDay, named, people, sessionCard } from './session-card';

const PAGE_SIZE = 30;

/**
 * The programme: the LERO's coming sessions for everyone in it, a session's page (with who is coming, for
 * those who keep the register), and cancelling a session, for its staff. RSVPs and the door view have
 * controllers of their own.
 */
@WebController('leros/:tenantId/sessions')
export class SessionsController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('team') { lero, calls, viewer }: LeroPage,
    @Query('cursor') cursor?: string,
  ): Promise<void> {
    const today = startOfToday();
    const next = typeof cursor === 'string' && cursor.length <= 200 ? cursor : undefined;
    const [page, goingOn] = await Promise.all([
      calls.sessions(lero.id, { from: today, limit: PAGE_SIZE, cursor: next }),
      // The first page also shows a session that began before midnight and is still going on (the API's default
      // window holds those): someone at 00:10 looking for the 23:00 group finds it, happening now.
      next ? undefined : calls.sessions(lero.id, { limit: PAGE_SIZE }),
    ]);
    const items = [
      ...(goingOn?.items ?? []).filter((s) => Date.parse(s.startsAt) < Date.parse(today)),
      ...page.items,
    ];
    const memberId = memberIdIn(viewer, lero.id);
    const mine = memberId ? await ownRsvps(calls, lero.id, items, memberId) : new Map<string, RsvpStatus>();
    const cards = items.map((s) => ({ ...sessionCard(s), rsvp: mine.get(s.id) }));
    await this.pages.render(req, reply, 'programme/sessions', {
      lero,
      days: byDay(cards),
      keepsRegister: keepsRegisterOf(viewer, lero.id),
      staff: isStaffOf(viewer, lero.id),
      memberId,
      nextHref: page.nextCursor
        ? `/leros/${lero.id}/sessions?cursor=${encodeURIComponent(page.nextCursor)}`
        : undefined,
      firstHref: cursor ? `/leros/${lero.id}/sessions` : undefined,
    });
  }

  @Get(':sessionId')
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('team') { lero, calls, viewer }: LeroPage,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    const s = await calls.session(lero.id, sessionId);
    const keepsRegister = keepsRegisterOf(viewer, lero.id);
    const memberId = memberIdIn(viewer, lero.id);
    const rsvps = keepsRegister || memberId ? await calls.rsvps(lero.id, s.id) : { items: [] };
    const card = sessionCard(s);
    await this.pages.render(req, reply, 'programme/session', {
      lero,
      session: card,
      keepsRegister,
      staff: isStaffOf(viewer, lero.id),
      canCancel:
        isStaffOf(viewer, lero.id) &&
        !card.cancelled &&
        Date.parse(s.endsAt) > Date.now() &&
        card.total === 0,
      memberId,
      rsvp: memberId ? rsvps.items.find((r) => r.memberId === memberId)?.status : undefined,
      rsvpOpen: card.upcoming,
      going: keepsRegister ? named(rsvps, 'going') : [],
      waitlist: keepsRegister ? named(rsvps, 'waitlisted') : [],
    });
  }

  @Get(':sessionId/cancel')
  @SignedIn()
  async confirmCancel(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero, calls }: LeroPage,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    const s = await calls.session(lero.id, sessionId);
    if (s.status === 'cancelled')
      return this.pages.redirect(reply, `/leros/${lero.id}/sessions/${s.id}`, 302);
    await this.pages.render(req, reply, 'programme/cancel', {
      lero,
      session: sessionCard(s),
      values: {},
      errors: NO_ERRORS,
    });
  }

  @Post(':sessionId/cancel')
  @SignedInForm()
  async cancel(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero, calls }: LeroPage,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    const s = await calls.session(lero.id, sessionId);
    const reason = field(req.body, 'reason');
    const errors = new FormErrors();
    if (reason.length > 500) errors.add('reason', 'Reason must be 500 characters or fewer');
    let status = 400;
    if (errors.ok) {
      try {
        const cancelled = await calls.cancelSession(lero.id, s.id, reason || undefined);
        const card = sessionCard(cancelled);
        const told = cancelled.going + cancelled.waitlisted;
        flash(
          req,
          'Session cancelled',
          `${card.title} on ${card.day} is cancelled.${told ? ` ${people(told)} had said they were coming.` : ''}`,
        );
        return this.pages.redirect(reply, `/leros/${lero.id}/sessions/${s.id}`);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
        status = err.status;
        errors.fromApi(err, { reason: 'Reason' }, 'reason');
      }
    }
    await this.pages.render(
      req,
      reply,
      'programme/cancel',
      { lero, session: sessionCard(s), values: { reason }, errors: errors.view() },
      status,
    );
  }
}
