import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AttendanceView, RsvpListView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, field, fields } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { looksLikeUuid, uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { flash } from '../session/web-session';
import { people, sessionCard } from './session-card';

/** Lines left empty at the foot of a printed register, for people who were not expected. */
const BLANK_LINES = 8;
const WALK_INS = /^\d{1,5}$/;

/** Someone on the register's list: expected (an RSVP) or already ticked in. */
interface Listed {
  memberId: string;
  name: string;
  in: boolean;
  waitlisted: boolean;
}

const byName = (a: Listed, b: Listed) => a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' });

/**
 * Everyone a register lists, by name: who said they are coming (the waitlist marked), and anyone already ticked
 * in. People whose record was erased have no name and are counted, not listed.
 */
function listOf(rsvps: RsvpListView, attendance: AttendanceView): Listed[] {
  const inIds = new Set(attendance.members.map((m) => m.memberId));
  const listed = new Map<string, Listed>();
  for (const r of rsvps.items)
    if (r.displayName !== null && r.memberId)
      listed.set(r.memberId, {
        memberId: r.memberId,
        name: r.displayName,
        in: inIds.has(r.memberId),
        waitlisted: r.status === 'waitlisted',
      });
  for (const m of attendance.members)
    if (m.displayName !== null && !listed.has(m.memberId))
      listed.set(m.memberId, { memberId: m.memberId, name: m.displayName, in: true, waitlisted: false });
  return [...listed.values()].sort(byName);
}

/**
 * A session's register on paper and back: a printable register (who is expected, a box to tick for each, lines
 * for newcomers and a tally of walk-ins) for a hall with no signal, and a form to enter it afterwards in one go
 * (ADR 0034). Staff and volunteers, who keep registers.
 */
@WebController('leros/:tenantId/sessions/:sessionId/register')
export class RegisterController {
  constructor(private readonly pages: Pages) {}

  @Get('print')
  @SignedIn()
  async print(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('register') { lero, calls }: LeroPage,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    const [s, rsvps, attendance] = await Promise.all([
      calls.session(lero.id, sessionId),
      calls.rsvps(lero.id, sessionId),
      calls.attendance(lero.id, sessionId),
    ]);
    const listed = listOf(rsvps, attendance);
    await this.pages.render(req, reply, 'programme/register-print', {
      lero,
      session: sessionCard(s),
      expected: listed.filter((p) => !p.waitlisted),
      waitlist: listed.filter((p) => p.waitlisted),
      blanks: Array.from({ length: BLANK_LINES }, (_, i) => i + 1),
      walkIns: attendance.walkIns,
      formerMembers: attendance.formerMembers,
      enterHref: `${this.pages.origin(req)}/leros/${lero.id}/sessions/${s.id}/register`,
    });
  }

  @Get()
  @SignedIn()
  async form(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('register') page: LeroPage,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    await this.render(req, reply, page, sessionId, new FormErrors());
  }

  /** The whole register at once: ticked people in, unticked ones on the list out, walk-ins as a total. */
  @Post()
  @SignedInForm()
  async enter(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('register') page: LeroPage,
    @uuidParam('sessionId') sessionId: string,
  ): Promise<void> {
    const listed = fields(req.body, 'listed').filter(looksLikeUuid);
    const present = fields(req.body, 'present').filter((id) => listed.includes(id));
    const walkIns = field(req.body, 'walkIns');
    const was = field(req.body, 'walkInsWas');
    const errors = new FormErrors();
    if (!WALK_INS.test(walkIns))
      errors.add('walkIns', 'Enter the number of walk-ins as a whole number, like 3');
    const typed = { present, walkIns };
    if (!errors.ok) return this.render(req, reply, page, sessionId, errors, typed, 400);
    try {
      const result = await page.calls.enterRegister(page.lero.id, sessionId, {
        present,
        absent: listed.filter((id) => !present.includes(id)),
        walkIns: Number(walkIns),
        ...(WALK_INS.test(was) ? { walkInsWas: Number(was) } : {}),
      });
      flash(
        req,
        'Register saved',
        `${people(result.total)} came: ${result.attended} named and ${result.walkIns} walk-in${result.walkIns === 1 ? '' : 's'}.`,
      );
      return this.pages.redirect(reply, `/leros/${page.lero.id}/sessions/${sessionId}`);
    } catch (err) {
      if (!(err instanceof ApiError) || ![400, 404, 409].includes(err.status)) throw err;
      if (err.status === 404)
        errors.add(
          'register',
          'Someone on the list is no longer a member here. Reload the page and try again.',
        );
      else errors.fromApi(err, { walkIns: 'Walk-ins' }, 'register');
      return this.render(req, reply, page, sessionId, errors, typed, err.status === 404 ? 409 : err.status);
    }
  }

  /** The form as the register stands (or as it was typed, after a refusal). */
  private async render(
    req: WebRequest,
    reply: FastifyReply,
    { lero, calls }: LeroPage,
    sessionId: string,
    errors: FormErrors,
    typed?: { present: string[]; walkIns: string },
    status = 200,
  ): Promise<void> {
    const [s, rsvps, attendance] = await Promise.all([
      calls.session(lero.id, sessionId),
      calls.rsvps(lero.id, sessionId),
      calls.attendance(lero.id, sessionId),
    ]);
    const listed = listOf(rsvps, attendance);
    const card = sessionCard(s);
    await this.pages.render(
      req,
      reply,
      'programme/register',
      {
        lero,
        session: card,
        open: card.register === 'open',
        items: listed.map((p) => ({
          value: p.memberId,
          text: p.waitlisted ? `${p.name} (waitlist)` : p.name,
          checked: typed ? typed.present.includes(p.memberId) : p.in,
        })),
        listed: listed.map((p) => p.memberId),
        walkIns: typed?.walkIns ?? String(attendance.walkIns),
        walkInsWas: attendance.walkIns,
        formerMembers: attendance.formerMembers,
        action: `/leros/${lero.id}/sessions/${s.id}/register`,
        doorHref: `/leros/${lero.id}/sessions/${s.id}/door`,
        errors: errors.view(['register', 'walkIns']),
      },
      errors.ok ? status : status === 200 ? 400 : status,
    );
  }
}
