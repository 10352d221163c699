import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SignedIn } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { memberIdIn } from '../navigation/navigation';
import { rotaPeople } from './my-shifts';
import { dayHeading, weekAsked, weekFrom, weekInWords } from './rota-week';
import { Volunteering, type VolunteeringPage } from './volunteering-page';

/**
 * The rota: a week of shifts, Monday to Sunday, each day a stack of cards (readable on a 320 px phone), places
 * still to fill marked. Staff see who is on each by name and follow a shift to its sign-ups; a volunteer sees their
 * own place (ADRs 0059, 0061).
 */
@WebController('leros/:tenantId/volunteering/rota')
export class VolunteeringRotaController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async week(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering() page: VolunteeringPage,
    @Query('week') asked: unknown,
  ) {
    const { lero, vol, staff, base } = page;
    const rota = await vol.rota(lero.id, weekAsked(asked));
    // Staff see who is on each shift by name (asked of membership by the API; ADR 0055), themselves as "You"; a
    // place held by the viewer's own record is theirs, whether or not they still volunteer.
    const own = memberIdIn(page.viewer, lero.id);
    const days = rota.days.map((d) => ({
      heading: dayHeading(d.date),
      shifts: d.shifts.map((s) => ({
        shiftId: s.shiftId,
        roleId: s.roleId,
        roleTitle: s.roleTitle,
        date: d.date,
        time: `${s.startTime} to ${s.endTime}`,
        place: s.place,
        cancelled: s.status === 'cancelled',
        capacity: s.capacity,
        filled: s.capacity - s.gap,
        gap: s.gap,
        mine: !!own && s.people.some((p) => p.memberId === own),
        people: staff ? rotaPeople(s.people, own) : [],
      })),
    }));
    const shifts = days.flatMap((d) => d.shifts).filter((s) => !s.cancelled);
    await this.pages.render(req, reply, 'volunteering/rota', {
      lero,
      staff,
      base,
      week: rota.week,
      namesUnavailable: staff && rota.names === 'unavailable',
      weekWords: weekInWords(rota.from, rota.to),
      previousHref: `${base}/rota?week=${weekFrom(rota.week, -1)}`,
      nextHref: `${base}/rota?week=${weekFrom(rota.week, 1)}`,
      days,
      gaps: shifts.reduce((n, s) => n + s.gap, 0),
      shiftCount: shifts.length,
    });
  }
}
