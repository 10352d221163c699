import { randomUUID } from 'node:crypto';
import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { RsvpListView, RsvpStatus, TenantView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { HearthApi, type HearthApiCalls } from '../api/hearth-api';
import { FormErrors, NO_ERRORS, field, type FormView } from '../http/form.util';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { startOfToday } from '../http/time';
import { WebController } from '../http/web-controller';
import { PageForbidden } from '../http/web-errors';
import { leroFor } from '../http/lero-page';
import { isStaffOf, keepsRegisterOf, memberIdIn } from '../navigation/navigation';
import { CurrentViewer, SignedIn, SignedInForm } from '../http/guards';
import { callContext } from '../session/session-auth.service';
import { session, type Viewer } from '../session/web-session';
import { ownRsvps } from './own-rsvps';
import { byDay, sessionCard } from './session-card';

const PAGE_SIZE = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

/**
 * Sessions: the programme for everyone in the LERO, RSVPs for members, and the door view where staff and
 * volunteers keep the register (tick people in, count walk-ins, undo a mistake). Every door action is a
 * plain form post and a redirect back, so a phone without JavaScript works the same.
 */
@WebController('leros/:tenantId/sessions')
export class SessionsController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  @Get()
  @SignedIn()
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @Query('cursor') cursor?: string,
  ): Promise<void> {
    const calls = this.calls(req, viewer);
    const lero = await leroFor(calls, viewer, tenantId, 'team');
    const page = await calls.sessions(lero.id, {
      from: startOfToday(),
      limit: PAGE_SIZE,
      cursor: typeof cursor === 'string' && cursor.length <= 200 ? cursor : undefined,
    });
    const memberId = memberIdIn(viewer, lero.id);
    const mine = memberId
      ? await ownRsvps(calls, lero.id, page.items, memberId)
      : new Map<string, RsvpStatus>();
    const cards = page.items.map((s) => ({ ...sessionCard(s), rsvp: mine.get(s.id) }));
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
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    const calls = this.calls(req, viewer);
    const lero = await leroFor(calls, viewer, tenantId, 'team');
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
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    const calls = this.calls(req, viewer);
    const lero = await leroFor(calls, viewer, tenantId, 'staff');
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
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    const calls = this.calls(req, viewer);
    const lero = await leroFor(calls, viewer, tenantId, 'staff');
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
        session(req).set('flash', {
          success: {
            title: 'Session cancelled',
            text: `${card.title} on ${card.day} is cancelled.${told ? ` ${people(told)} had said they were coming.` : ''}`,
          },
        });
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

  /** A member says they are coming (going while there are places, else on the waitlist). */
  @Post(':sessionId/rsvp')
  @SignedInForm()
  async rsvp(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    const { lero, memberId, calls } = await this.asMember(req, viewer, tenantId);
    const s = await calls.session(lero.id, sessionId);
    try {
      const rsvp = await calls.rsvp(lero.id, s.id, memberId);
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

  @Post(':sessionId/rsvp/cancel')
  @SignedInForm()
  async withdraw(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    const { lero, memberId, calls } = await this.asMember(req, viewer, tenantId);
    const s = await calls.session(lero.id, sessionId);
    try {
      await calls.withdrawRsvp(lero.id, s.id, memberId);
    } catch (err) {
      // Already withdrawn (another tab): the result is what they asked for.
      if (!(err instanceof ApiError) || err.status !== 404) throw err;
    }
    session(req).set('flash', {
      success: {
        title: 'You’re no longer going',
        text: `Your place at ${s.title} is free for someone else.`,
      },
    });
    await this.pages.redirect(reply, backTo(req, `/leros/${lero.id}/sessions/${s.id}`));
  }

  /** The door view: who is expected, who is in, a member search, +1 walk-in and −1 correction. */
  @Get(':sessionId/door')
  @SignedIn()
  async door(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('sessionId') sessionId: string,
    @Query('q') q?: string,
  ): Promise<void> {
    const calls = this.calls(req, viewer);
    const lero = await leroFor(calls, viewer, tenantId, 'register');
    const search = typeof q === 'string' ? q.trim() : '';
    const errors = new FormErrors();
    if (search.length > 100) errors.add('q', 'Search for 100 characters or fewer');
    await this.renderDoor(
      req,
      reply,
      calls,
      lero,
      sessionId,
      errors.ok ? search : '',
      errors.view(),
      errors.ok ? 200 : 400,
      search,
    );
  }

  @Post(':sessionId/door/check-in')
  @SignedInForm()
  async checkIn(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    await this.doorAction(req, reply, viewer, tenantId, sessionId, async (calls, lero) => {
      const memberId = this.memberIdFrom(req);
      const name = field(req.body, 'name').slice(0, 80) || 'They';
      const result = await calls.checkIn(lero.id, sessionId, memberId);
      return {
        title: result.recorded ? `${name} is checked in` : `${name} was already checked in`,
        text: `${people(result.total)} in so far.`,
      };
    });
  }

  @Post(':sessionId/door/undo')
  @SignedInForm()
  async undo(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    await this.doorAction(req, reply, viewer, tenantId, sessionId, async (calls, lero) => {
      const memberId = this.memberIdFrom(req);
      const name = field(req.body, 'name').slice(0, 80);
      try {
        await calls.undoCheckIn(lero.id, sessionId, memberId);
      } catch (err) {
        // Undone already (another volunteer's phone): say so. A session that is not there is a 404 page.
        if (err instanceof ApiError && err.reason === 'NotCheckedIn')
          return {
            title: `${name || 'They'} ${name ? 'was' : 'were'} not checked in`,
            text: 'Nothing changed.',
          };
        throw err;
      }
      return {
        title: `${name || 'Their'}’s check-in is undone`,
        text: 'They are no longer on the register.',
      };
    });
  }

  @Post(':sessionId/door/walk-ins')
  @SignedInForm()
  async walkIns(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    await this.doorAction(req, reply, viewer, tenantId, sessionId, async (calls, lero) => {
      const count = field(req.body, 'count');
      if (count !== '1' && count !== '-1') throw new ApiError(400, 'VALIDATION', 'Choose +1 or −1.');
      // The key the form was rendered with: the same form sent again (a double tap, a resubmit) counts once.
      const key = field(req.body, 'idempotencyKey');
      if (key && !UUID.test(key)) throw new ApiError(400, 'VALIDATION', 'Reload the page and try again.');
      const result = await calls.walkIns(lero.id, sessionId, Number(count), key || undefined);
      return {
        title: count === '1' ? 'Walk-in counted' : 'Walk-ins corrected',
        text: `${result.walkIns} walk-in${result.walkIns === 1 ? '' : 's'}; ${people(result.total)} in so far.`,
      };
    });
  }

  /**
   * A change to the register, then back to the door view with what happened; a refusal (the register is not
   * open, fewer walk-ins than that) is shown on the door view in the error summary.
   */
  private async doorAction(
    req: WebRequest,
    reply: FastifyReply,
    viewer: Viewer,
    tenantId: string,
    sessionId: string,
    action: (calls: HearthApiCalls, lero: TenantView) => Promise<{ title: string; text: string }>,
  ): Promise<void> {
    const calls = this.calls(req, viewer);
    const lero = await leroFor(calls, viewer, tenantId, 'register');
    try {
      const done = await action(calls, lero);
      session(req).set('flash', { success: done });
    } catch (err) {
      if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
      const errors = new FormErrors().add('register', err.detail);
      return this.renderDoor(req, reply, calls, lero, sessionId, '', errors.view(), err.status);
    }
    await this.pages.redirect(reply, `/leros/${lero.id}/sessions/${sessionId}/door`);
  }

  private async renderDoor(
    req: WebRequest,
    reply: FastifyReply,
    calls: HearthApiCalls,
    lero: TenantView,
    sessionId: string,
    search: string,
    errors: FormView,
    status = 200,
    typed = search,
  ): Promise<void> {
    const [s, attendance, rsvps, results] = await Promise.all([
      calls.session(lero.id, sessionId),
      calls.attendance(lero.id, sessionId),
      calls.rsvps(lero.id, sessionId),
      search ? calls.members(lero.id, { search, status: 'active', limit: 20 }) : undefined,
    ]);
    const card = sessionCard(s);
    const inIds = new Set(attendance.members.map((m) => m.memberId));
    const person = (memberId: string, displayName: string | null) => ({
      memberId,
      name: displayName ?? 'A former member',
      in: inIds.has(memberId),
    });
    await this.pages.render(
      req,
      reply,
      'programme/door',
      {
        lero,
        session: { ...card, walkIns: attendance.walkIns, total: attendance.total },
        open: card.register === 'open',
        search: typed,
        results: results?.items.map((m) => person(m.id, m.displayName)),
        checkedIn: attendance.members.map((m) => person(m.memberId, m.displayName)),
        formerMembers: attendance.formerMembers,
        expected: named(rsvps, 'going').map((r) => person(r.memberId, r.name)),
        waitlist: named(rsvps, 'waitlisted').map((r) => person(r.memberId, r.name)),
        action: `/leros/${lero.id}/sessions/${s.id}/door`,
        // One key per walk-in form as rendered (the gateway's Idempotency-Key).
        walkInKeys: { add: randomUUID(), correct: randomUUID() },
        errors,
      },
      status,
    );
  }

  private calls(req: WebRequest, viewer: Viewer): HearthApiCalls {
    return this.api.for(callContext(req, viewer.accessToken));
  }

  private memberIdFrom(req: WebRequest): string {
    const memberId = field(req.body, 'memberId');
    if (!UUID.test(memberId)) throw new ApiError(400, 'VALIDATION', 'Choose a person from the list.');
    return memberId;
  }

  /** RSVPs are a member's own: their account must be linked to a member record of this LERO. */
  private async asMember(req: WebRequest, viewer: Viewer, tenantId: string) {
    const calls = this.calls(req, viewer);
    const lero = await leroFor(calls, viewer, tenantId, 'team');
    const memberId = memberIdIn(viewer, lero.id);
    if (!memberId) throw new PageForbidden();
    return { lero, memberId, calls };
  }
}

const named = (rsvps: RsvpListView, status: RsvpStatus) =>
  rsvps.items
    .filter((r) => r.status === status)
    .map((r) => ({ memberId: r.memberId, name: r.displayName ?? 'A former member' }));

/** Where a member's RSVP form came from (the list or the session), when it is one of this LERO's pages. */
function backTo(req: WebRequest, fallback: string): string {
  const back = field(req.body, 'back');
  const base = fallback.split('/sessions/')[0];
  const local =
    /^[\w\-/?=&%.]+$/.test(back) && !back.includes('..') && (back === base || back.startsWith(`${base}/`));
  return local ? back : fallback;
}
