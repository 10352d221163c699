import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SignedIn } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { dayHeading, weekAsked, weekFrom, weekInWords } from './rota-week';
import { Volunteering, volunteerMemberId, type VolunteeringPage } from './volunteering-page';

/**
 * The rota: a week of shifts, Monday to Sunday, each day a stack of cards (readable on a 320 px phone), places
 * still to fill marked. Staff follow a shift to who is on it; a volunteer sees their own place (ADR 0059).
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
    const [rota, volunteerId] = await Promise.all([
      vol.rota(lero.id, weekAsked(asked)),
      volunteerMemberId(page),
    ]);
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
        mine: !!volunteerId && s.people.some((p) => p.memberId === volunteerId),
      })),
    }));
    const shifts = days.flatMap((d) => d.shifts).filter((s) => !s.cancelled);
    await this.pages.render(req, reply, 'volunteering/rota', {
      lero,
      staff,
      base,
      week: rota.week,
      weekWords: weekInWords(rota.from, rota.to),
      previousHref: `${base}/rota?week=${weekFrom(rota.week, -1)}`,
      nextHref: `${base}/rota?week=${weekFrom(rota.week, 1)}`,
      days,
      gaps: shifts.reduce((n, s) => n + s.gap, 0),
      shiftCount: shifts.length,
    });
  }
}
