import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../api/api-error';
import { FormErrors, field } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { looksLikeUuid, uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { flash } from '../session/web-session';
import { sessionCard } from './session-card';

/**
 * Staff booking someone onto a session (someone rang, or asked in person) and taking a booking off: an RSVP
 * on the member's behalf, which the events service allows the LERO's admins and coordinators (ADR 0032).
 */
@WebController('leros/:tenantId/sessions/:sessionId/bookings')
export class BookingsController {
  constructor(private readonly pages: Pages) {}

  /** Find the person by name; each result has a "Book" button, or says they are booked already. */
  @Get()
  @SignedIn()
  async find(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @uuidParam('sessionId') sessionId: string,
    @Query('q') q?: string,
  ): Promise<void> {
    const search = typeof q === 'string' ? q.trim() : '';
    const errors = new FormErrors();
    if (search.length > 100) errors.add('q', 'Search for 100 characters or fewer');
    await this.render(req, reply, page, sessionId, errors, search);
  }

  @Post()
  @SignedInForm()
  async book(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    const { lero, calls } = page;
    const memberId = field(req.body, 'memberId');
    const name = field(req.body, 'name').slice(0, 80) || 'They';
    const search = field(req.body, 'q').slice(0, 100);
    const errors = new FormErrors();
    try {
      if (!looksLikeUuid(memberId)) throw new ApiError(404, 'NOT_FOUND', 'Member not found.');
      const rsvp = await calls.rsvp(lero.id, sessionId, memberId);
      const s = sessionCard(await calls.session(lero.id, sessionId));
      flash(
        req,
        rsvp.status === 'going' ? `${name} is booked` : `${name} is on the waitlist`,
        rsvp.status === 'going'
          ? `${name} is going to ${s.title} on ${s.day}.`
          : `${s.title} is full. If a place comes free, it is theirs.`,
      );
      return this.pages.redirect(reply, `/leros/${lero.id}/sessions/${sessionId}`);
    } catch (err) {
      if (!(err instanceof ApiError) || ![404, 409].includes(err.status)) throw err;
      // A 404 here is the person (the session was found to show the form): left, erased, or not this LERO's.
      errors.add(
        'q',
        err.status === 409 ? err.detail : `${name} cannot be booked: they are not a current member.`,
      );
      return this.render(req, reply, page, sessionId, errors, search, err.status === 409 ? 409 : 400);
    }
  }

  /** Takes a booking off (they rang to say they cannot come); their place goes to the first on the waitlist. */
  @Post('cancel')
  @SignedInForm()
  async cancel(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero, calls }: LeroPage,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    const memberId = field(req.body, 'memberId');
    const name = field(req.body, 'name').slice(0, 80) || 'They';
    // The session first: one that is not there (or another LERO's) is the 404 page, not "taken off".
    await calls.session(lero.id, sessionId);
    if (looksLikeUuid(memberId))
      try {
        await calls.withdrawRsvp(lero.id, sessionId, memberId);
      } catch (err) {
        // Taken off already (another tab): the result is what they asked for.
        if (!(err instanceof ApiError) || err.status !== 404) throw err;
      }
    flash(req, `${name} is no longer booked`, 'Their place is free for someone else.');
    await this.pages.redirect(reply, `/leros/${lero.id}/sessions/${sessionId}`);
  }

  private async render(
    req: WebRequest,
    reply: FastifyReply,
    { lero, calls }: LeroPage,
    sessionId: string,
    errors: FormErrors,
    search: string,
    status = errors.ok ? 200 : 400,
  ): Promise<void> {
    const [s, rsvps, results] = await Promise.all([
      calls.session(lero.id, sessionId),
      calls.rsvps(lero.id, sessionId),
      search && errors.ok ? calls.members(lero.id, { search, status: 'active', limit: 20 }) : undefined,
    ]);
    const booked = new Map(rsvps.items.map((r) => [r.memberId, r.status]));
    const card = sessionCard(s);
    await this.pages.render(
      req,
      reply,
      'programme/bookings',
      {
        lero,
        session: card,
        open: card.upcoming,
        search,
        results: results?.items.map((m) => ({
          memberId: m.id,
          name: m.displayName,
          booked: booked.get(m.id),
        })),
        action: `/leros/${lero.id}/sessions/${s.id}/bookings`,
        errors: errors.view(),
      },
      status,
    );
  }
}
