import { randomUUID } from 'node:crypto';
import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DISPLAY_NAME_MAX } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, field } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { looksLikeUuid, uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { isStaffOf } from '../navigation/navigation';
import { flash, session } from '../session/web-session';
import { named, people, registerState, sessionCard } from './session-card';

type DoorChange = (page: LeroPage) => Promise<{ title: string; text: string }>;

/**
 * The door view, where staff and volunteers keep a session's register: who is expected (listed before anyone
 * types), who is in, a member search, tick people in, +1 walk-in and −1 correction, undo a mistake, and (staff)
 * add a newcomer by name and check them in at once. Every action is a plain form post and a redirect back, so a
 * phone without JavaScript works the same.
 */
@WebController('leros/:tenantId/sessions/:sessionId/door')
export class DoorController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async door(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('register') page: LeroPage,
    @uuidParam('sessionId') sessionId: string,
    @Query('q') q?: string,
  ): Promise<void> {
    const search = typeof q === 'string' ? q.trim() : '';
    const errors = new FormErrors();
    if (search.length > 100) errors.add('q', 'Search for 100 characters or fewer');
    await this.renderDoor(req, reply, page, sessionId, errors, {
      search: errors.ok ? search : '',
      typed: search,
    });
  }

  @Post('check-in')
  @SignedInForm()
  async checkIn(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('register') page: LeroPage,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    await this.change(req, reply, page, sessionId, async ({ lero, calls }) => {
      const memberId = memberIdFrom(req);
      const name = field(req.body, 'name').slice(0, 80) || 'They';
      const result = await calls.checkIn(lero.id, sessionId, memberId);
      return {
        title: result.recorded ? `${name} is checked in` : `${name} was already checked in`,
        text: `${people(result.total)} in so far.`,
      };
    });
  }

  @Post('undo')
  @SignedInForm()
  async undo(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('register') page: LeroPage,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    await this.change(req, reply, page, sessionId, async ({ lero, calls }) => {
      const memberId = memberIdFrom(req);
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

  /**
   * Someone new, by the name they would like to use (a first name or a nickname is enough): a member record
   * with that name alone, then checked in, in one step. For the LERO's staff, who may add people; a volunteer
   * counts a newcomer as a walk-in. The form's key stops a resubmitted form adding them twice.
   */
  @Post('newcomer')
  @SignedInForm()
  async newcomer(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    const { lero, calls } = page;
    const displayName = field(req.body, 'displayName');
    const key = field(req.body, 'newcomerKey');
    const errors = new FormErrors();
    if (!displayName) errors.add('displayName', 'Enter the name they would like to use');
    else if (displayName.length > DISPLAY_NAME_MAX)
      errors.add('displayName', `Name must be ${DISPLAY_NAME_MAX} characters or fewer`);
    if (key && !looksLikeUuid(key)) errors.add('displayName', 'Reload the page and try again');
    const done = session(req).get('newcomers') ?? [];
    if (errors.ok && key && done.includes(key)) {
      flash(req, `${displayName} was already added`, 'They are on the register.');
      return this.pages.redirect(reply, `/leros/${lero.id}/sessions/${sessionId}/door`);
    }
    // Nobody is added to a register that is not open: the member record would be left without its check-in.
    if (errors.ok && registerState(await calls.session(lero.id, sessionId)) !== 'open')
      errors.add('register', 'The register is not open, so nobody can be checked in now.');
    if (!errors.ok) return this.renderDoor(req, reply, page, sessionId, errors, { newcomer: displayName });
    const member = await calls.createMember(lero.id, { displayName });
    if (key) session(req).set('newcomers', [...done, key].slice(-10));
    await this.change(req, reply, page, sessionId, async () => {
      const result = await calls.checkIn(lero.id, sessionId, member.id).catch((err: unknown) => {
        if (!(err instanceof ApiError)) throw err;
        const detail = `${member.displayName} was added as a member but not checked in: ${err.detail}`;
        throw new ApiError(err.status, err.code, detail, err.extra);
      });
      return {
        title: `${member.displayName} is added and checked in`,
        text: `Welcome! ${people(result.total)} in so far. Their record has their name only: add more with them later if they want.`,
      };
    });
  }

  @Post('walk-ins')
  @SignedInForm()
  async walkIns(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('register') page: LeroPage,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    await this.change(req, reply, page, sessionId, async ({ lero, calls }) => {
      const count = field(req.body, 'count');
      if (count !== '1' && count !== '-1') throw new ApiError(400, 'VALIDATION', 'Choose +1 or −1.');
      // The key the form was rendered with: the same form sent again (a double tap, a resubmit) counts once.
      const key = field(req.body, 'idempotencyKey');
      if (key && !looksLikeUuid(key)) throw new ApiError(400, 'VALIDATION', 'Reload the page and try again.');
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
  private async change(
    req: WebRequest,
    reply: FastifyReply,
    page: LeroPage,
    sessionId: string,
    change: DoorChange,
  ): Promise<void> {
    try {
      session(req).set('flash', { success: await change(page) });
    } catch (err) {
      if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
      const errors = new FormErrors().add('register', err.detail);
      return this.renderDoor(req, reply, page, sessionId, errors, {}, err.status);
    }
    await this.pages.redirect(reply, `/leros/${page.lero.id}/sessions/${sessionId}/door`);
  }

  /** The door view; `search` is looked up, `typed` is what the search box shows, `newcomer` the name typed. */
  private async renderDoor(
    req: WebRequest,
    reply: FastifyReply,
    { lero, calls, viewer }: LeroPage,
    sessionId: string,
    errors: FormErrors,
    { search = '', typed = '', newcomer = '' }: { search?: string; typed?: string; newcomer?: string },
    status = errors.ok ? 200 : 400,
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
        // Staff may add a newcomer by name; a volunteer counts them as a walk-in.
        addsNewcomers: isStaffOf(viewer, lero.id),
        newcomer,
        newcomerKey: randomUUID(),
        checkedIn: attendance.members.map((m) => person(m.memberId, m.displayName)),
        formerMembers: attendance.formerMembers,
        expected: named(rsvps, 'going').map((r) => person(r.memberId, r.name)),
        waitlist: named(rsvps, 'waitlisted').map((r) => person(r.memberId, r.name)),
        action: `/leros/${lero.id}/sessions/${s.id}/door`,
        // One key per walk-in form as rendered (the gateway's Idempotency-Key).
        walkInKeys: { add: randomUUID(), correct: randomUUID() },
        errors: errors.view(),
      },
      status,
    );
  }
}

/** The member a door form names (a hidden field of the row they were picked from). */
function memberIdFrom(req: WebRequest): string {
  const memberId = field(req.body, 'memberId');
  if (!looksLikeUuid(memberId)) throw new ApiError(400, 'VALIDATION', 'Choose a person from the list.');
  return memberId;
}
