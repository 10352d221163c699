import { Injectable } from '@nestjs/common';
import type { MyShiftsRequest, MyShiftsView, RequestContext } from '@hearth/contracts';
import { zoned } from '@hearth/recurrence';
import { VolunteeringDatabase } from '../volunteering-database';
import { allows, authoriseInLero, ownMemberIds } from '../volunteering-access';
import { RolesRepository } from '../roles/roles.repository';
import { ShiftsRepository } from '../shifts/shifts.repository';
import { occurrenceView } from '../shifts/shift-schedule.util';
import { invalidField } from '../roles/roles.exception';
import { addDays, todayInUk } from '../training-records/training-dates.util';
import { MyShiftsRepository } from './my-shifts.repository';

/** `to` is this many days after `from` unless given; a range is at most a year and a day. */
const DEFAULT_DAYS = 90;
const MAX_DAYS = 366;

/** A real calendar day (the contract checks only the shape: 2027-02-30 passes it). */
const isDay = (date: string) => addDays(date, 0) === date;
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/**
 * "My shifts" (ADR 0055): the occurrences still to come that the asker's own member record (the `memberId` of their
 * grant in the LERO, as sign-ups use it) is confirmed on or waiting for, with their place in the queue. Anyone in the
 * LERO may ask; an account with no member record there has none (an empty list, not a refusal).
 */
@Injectable()
export class MyShiftsService {
  constructor(
    private readonly db: VolunteeringDatabase,
    private readonly shifts: ShiftsRepository,
    private readonly roles: RolesRepository,
    private readonly mine: MyShiftsRepository,
  ) {}

  private now = () => new Date();

  async list(ctx: RequestContext, dto: MyShiftsRequest): Promise<MyShiftsView> {
    const a = authoriseInLero(ctx.actor, dto.tenantId, 'read', 'Shift', 'LERO', { roleStatus: 'open' });
    const now = this.now();
    const from = dto.from ?? todayInUk(now);
    if (!isDay(from)) throw invalidField('from', 'is not a day of the calendar');
    const to = dto.to ?? addDays(from, DEFAULT_DAYS);
    if (!isDay(to)) throw invalidField('to', 'is not a day of the calendar');
    if (to < from) throw invalidField('to', 'is before from');
    if (daysBetween(from, to) > MAX_DAYS)
      throw invalidField('to', `is more than ${MAX_DAYS} days after from`);
    const memberIds = ownMemberIds(a).filter((memberId) => allows(a, 'read', 'Signup', { memberId }));
    if (memberIds.length === 0) return { from, to, items: [] };
    const rows = await this.mine.upcoming(a.tenantId, memberIds, { after: now, from, to });
    if (rows.length === 0) return { from, to, items: [] };
    const em = this.db.forTenant(a.tenantId).em;
    const shifts = await this.shifts.findMany(em, [...new Set(rows.map((r) => r.shift_id))]);
    const shiftById = new Map(shifts.map((s) => [s.id, s]));
    const roles = await this.roles.findMany(em, [...new Set(shifts.map((s) => s.roleId))]);
    const roleById = new Map(roles.map((r) => [r.id, r]));
    const items = rows.flatMap((r) => {
      const shift = shiftById.get(r.shift_id);
      const role = shift && roleById.get(shift.roleId);
      if (!shift || !role) return [];
      const startsAt = new Date(r.starts_at);
      const endsAt = new Date(startsAt.getTime() + shift.durationMinutes * 60_000);
      return [
        {
          shiftId: shift.id,
          roleId: role.id,
          roleTitle: role.title,
          date: r.local_date,
          ...occurrenceView({ startsAt, endsAt }, shift.timezone),
          startTime: zoned(startsAt, shift.timezone).toFormat('HH:mm'),
          endTime: zoned(endsAt, shift.timezone).toFormat('HH:mm'),
          timezone: shift.timezone,
          place: shift.place,
          memberId: r.member_id,
          status: r.status,
          waitlistPosition: r.status === 'waitlisted' ? Number(r.position) : null,
          shiftStatus: shift.status,
        },
      ];
    });
    return { from, to, items };
  }
}
