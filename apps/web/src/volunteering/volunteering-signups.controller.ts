import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SHIFT_DATE, type MemberView, type ShiftView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { field } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { looksLikeUuid, uuidParam } from '../http/params';
import { longDate } from '../http/time';
import { WebController } from '../http/web-controller';
import { PageForbidden, PageNotFound } from '../http/web-errors';
import { memberIdIn } from '../navigation/navigation';
import { flash } from '../session/web-session';
import { refusal } from './signup-refusal';
import { KIND_WORDS, Volunteering, occurrenceCard, type VolunteeringPage } from './volunteering-page';

const dateOf = (value: unknown): string => {
  if (typeof value !== 'string' || !SHIFT_DATE.test(value)) throw new PageNotFound();
  return value;
};

/**
 * Who is on one date of a shift: staff see everyone (names asked of membership for them, never kept), assign a
 * volunteer and cancel anyone's place; a volunteer signs themselves up and cancels (ADR 0059). A refusal
 * (training missing, not a volunteer, started, cancelled) is a page saying why in words.
 */
@WebController('leros/:tenantId/volunteering/shifts/:shiftId/signups')
export class VolunteeringSignupsController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async occurrence(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('shiftId') shiftId: string,
    @Query('date') asked: unknown,
  ) {
    const { lero, vol, calls, base } = page;
    const date = dateOf(asked);
    const shift = await vol.shift(lero.id, shiftId);
    const [role, list, volunteers] = await Promise.all([
      vol.role(lero.id, shift.roleId),
      vol.signups(lero.id, shift.id, date),
      calls.members(lero.id, { communityRole: 'volunteer', status: 'active', sort: 'name', limit: 100 }),
    ]);
    const names = new Map((volunteers.items as MemberView[]).map((m) => [m.id, m.displayName]));
    const on = new Set(list.items.map((i) => i.memberId));
    const end = new Date(Date.parse(list.startsAt) + shift.durationMinutes * 60_000).toISOString();
    await this.pages.render(req, reply, 'volunteering/signups', {
      lero,
      base,
      role: { id: role.id, title: role.title, open: role.status === 'open' },
      shift: { id: shift.id, cancelled: shift.status === 'cancelled', place: shift.place },
      date,
      when: occurrenceCard({ startsAt: list.startsAt, endsAt: end }, shift.timezone),
      capacity: list.capacity,
      people: list.items.map((i) => ({
        memberId: i.memberId,
        name: (i.memberId && names.get(i.memberId)) ?? 'A volunteer',
        waitlisted: i.status === 'waitlisted',
      })),
      confirmed: list.items.filter((i) => i.status === 'confirmed').length,
      volunteerOptions: [
        { value: '', text: 'Choose a volunteer' },
        ...[...names]
          .filter(([memberId]) => !on.has(memberId))
          .map(([memberId, name]) => ({ value: memberId, text: name })),
      ],
    });
  }

  @Post()
  @SignedInForm()
  async signUp(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering() page: VolunteeringPage,
    @uuidParam('shiftId') shiftId: string,
  ) {
    const { lero, vol } = page;
    const date = dateOf(field(req.body, 'date'));
    const memberId = this.whoFor(page, req);
    const shift = await vol.shift(lero.id, shiftId);
    const role = await vol.role(lero.id, shift.roleId);
    const day = longDate(`${date}T12:00:00Z`);
    try {
      const signup = await vol.signUp(lero.id, shift.id, memberId, date);
      const who = page.staff ? 'They are' : 'You’re';
      flash(
        req,
        signup.status === 'confirmed' ? `${who} on ${role.title}` : `${who} on the waitlist`,
        signup.status === 'confirmed'
          ? `${day}: the place is taken.`
          : `${role.title} on ${day} is full. If a place comes free, it is ${page.staff ? 'theirs' : 'yours'}.`,
      );
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 409) throw err;
      return this.pages.render(
        req,
        reply,
        'volunteering/refused',
        {
          lero,
          back: this.back(page, req, shift),
          ...refusal(err, { staff: page.staff, role: role.title, day, leroName: lero.name }),
          recordHref: page.staff ? `${page.base}/volunteers/${memberId}` : undefined,
          kinds: KIND_WORDS,
        },
        409,
      );
    }
    await this.pages.redirect(reply, this.back(page, req, shift));
  }

  @Post('cancel')
  @SignedInForm()
  async cancel(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering() page: VolunteeringPage,
    @uuidParam('shiftId') shiftId: string,
  ) {
    const { lero, vol } = page;
    const date = dateOf(field(req.body, 'date'));
    const memberId = this.whoFor(page, req);
    const shift = await vol.shift(lero.id, shiftId);
    try {
      const cancelled = await vol.cancelSignup(lero.id, shift.id, memberId, date);
      flash(
        req,
        page.staff ? 'The place is cancelled' : 'Your place is cancelled',
        cancelled.late
          ? 'Thank you for saying. The place goes to the first on the waitlist, if anyone is waiting.'
          : 'The place goes to the first on the waitlist, if anyone is waiting.',
      );
    } catch (err) {
      // Already cancelled (another tab): the result is what they asked for.
      if (!(err instanceof ApiError) || err.status !== 404) throw err;
    }
    await this.pages.redirect(reply, this.back(page, req, shift));
  }

  /** Staff name the volunteer; anyone else signs up the member record their account is linked to. */
  private whoFor(page: VolunteeringPage, req: WebRequest): string {
    if (page.staff) {
      const chosen = field(req.body, 'memberId');
      if (!looksLikeUuid(chosen)) throw new PageNotFound();
      return chosen;
    }
    const own = memberIdIn(page.viewer, page.lero.id);
    if (!own) throw new PageForbidden();
    return own;
  }

  /** Back to the page the form was on (one of this LERO's volunteering pages), else the occurrence or role. */
  private back(page: VolunteeringPage, req: WebRequest, shift: ShiftView): string {
    const back = field(req.body, 'back');
    const date = field(req.body, 'date');
    if (/^[\w\-/?=&%.]+$/.test(back) && !back.includes('..') && back.startsWith(`${page.base}/`)) return back;
    return page.staff
      ? `${page.base}/shifts/${shift.id}/signups?date=${encodeURIComponent(date)}`
      : `${page.base}/roles/${shift.roleId}`;
  }
}
