import { Injectable } from '@nestjs/common';
import {
  DEFAULT_TIME_ZONE,
  type RequestContext,
  type RotaDayView,
  type RotaRequest,
  type RotaShiftView,
  type RotaView,
} from '@hearth/contracts';
import { expand, localDate, zoned } from '@hearth/recurrence';
import { VolunteeringDatabase } from '../volunteering-database';
import { allows, authoriseInLero, ownMemberIds, type Authorised } from '../volunteering-access';
import { RolesRepository } from '../roles/roles.repository';
import { ShiftsRepository } from '../shifts/shifts.repository';
import { SignupsRepository } from '../signups/signups.repository';
import { scheduleOf } from '../shifts/shift.view';
import { occurrenceView } from '../shifts/shift-schedule.util';
import { invalidField } from '../roles/roles.exception';
import { daysOf, isoWeekOf, parseIsoWeek } from './iso-week.util';
import { RotaNameLookup } from './rota-names';

const HOUR_MS = 3_600_000;
/** Zones run from UTC−12 to UTC+14: a local day lies within this margin of the same UTC day. */
const ZONE_MARGIN_MS = 15 * HOUR_MS;
/** A shift has at most this many occurrences in a week (a daily rule: seven). */
const MAX_PER_WEEK = 64;
/**
 * How far ahead a rota may be asked for: expansion walks a rule from its first start, so a week centuries away would
 * cost seconds of CPU per shift (as the events service caps its listings).
 */
const MAX_WEEKS_AHEAD = 3 * 53;

/**
 * The rota (ADR 0051): a week's shift occurrences by day, each day being the local date in the shift's own zone,
 * with its role, times, capacity, the people on it (named by membership at read time; ADR 0055) and the gap. Everyone in the LERO sees it; volunteers and members
 * the shifts of open roles only.
 */
@Injectable()
export class RotaService {
  constructor(
    private readonly db: VolunteeringDatabase,
    private readonly shifts: ShiftsRepository,
    private readonly roles: RolesRepository,
    private readonly signups: SignupsRepository,
    private readonly nameLookup: RotaNameLookup,
  ) {}

  async week(ctx: RequestContext, query: RotaRequest): Promise<RotaView> {
    const authorised = authoriseInLero(ctx.actor, query.tenantId, 'read', 'Shift', 'LERO', {
      roleStatus: 'open',
    });
    const week = query.week ? parseIsoWeek(query.week) : isoWeekOf(localDate(new Date(), DEFAULT_TIME_ZONE));
    if (!week) throw invalidField('week', 'is not a week of that year');
    if (week.monday.getTime() > Date.now() + MAX_WEEKS_AHEAD * 7 * 24 * HOUR_MS)
      throw invalidField('week', 'can be at most three years ahead');
    const dates = daysOf(week);
    const from = new Date(week.monday.getTime() - ZONE_MARGIN_MS);
    const until = new Date(week.monday.getTime() + 7 * 24 * HOUR_MS + ZONE_MARGIN_MS);
    const em = this.db.forTenant(authorised.tenantId).em;
    const shifts = await this.shifts.spanning(em, from, until);
    const roles = await this.roles.findMany(em, [...new Set(shifts.map((s) => s.roleId))]);
    const roleById = new Map(roles.map((r) => [r.id, r]));
    const onShift = await this.peopleOn(authorised, from, until);
    const shown = [...new Set([...onShift.values()].flatMap((on) => on.people))];
    const names = shown.length > 0 ? await this.nameLookup.names(ctx, authorised.tenantId, shown) : new Map();
    const nameOf = (memberId: string) => (names === 'unavailable' ? null : (names.get(memberId) ?? null));
    const byDay = new Map<string, RotaShiftView[]>(dates.map((d) => [d, []]));
    for (const shift of shifts) {
      const role = roleById.get(shift.roleId);
      if (!role || !allows(authorised, 'read', 'Shift', { roleStatus: role.status })) continue;
      const { occurrences } = expand(scheduleOf(shift), { from, until, max: MAX_PER_WEEK });
      for (const o of occurrences) {
        const day = byDay.get(localDate(o.startsAt, shift.timezone));
        if (!day) continue;
        const on = onShift.get(`${shift.id}|${o.startsAt.getTime()}`) ?? { people: [], count: 0 };
        const people = on.people.map((memberId) => ({ memberId, displayName: nameOf(memberId) }));
        day.push({
          shiftId: shift.id,
          roleId: role.id,
          roleTitle: role.title,
          ...occurrenceView(o, shift.timezone),
          startTime: zoned(o.startsAt, shift.timezone).toFormat('HH:mm'),
          endTime: zoned(o.endsAt, shift.timezone).toFormat('HH:mm'),
          timezone: shift.timezone,
          place: shift.place,
          capacity: shift.capacity,
          people,
          gap: shift.status === 'cancelled' ? 0 : Math.max(0, shift.capacity - on.count),
          status: shift.status,
          sessionId: shift.sessionId,
        });
      }
    }
    const days: RotaDayView[] = dates.map((date) => ({
      date,
      shifts: (byDay.get(date) ?? []).sort(
        (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.shiftId.localeCompare(b.shiftId),
      ),
    }));
    return {
      week: week.label,
      from: dates[0],
      to: dates[6],
      days,
      names: names === 'unavailable' ? 'unavailable' : 'shown',
    };
  }

  /**
   * Who is confirmed on each occurrence in the window, by `shiftId|start`: member ids only (ADR 0052). Coordinators
   * see everyone; a volunteer or member sees only themselves among `people`, while the count (and so the gap) is of
   * everyone.
   */
  private async peopleOn(a: Authorised, from: Date, until: Date) {
    const everyone = allows(a, 'read', 'Signup');
    const own = new Set(ownMemberIds(a));
    const on = new Map<string, { people: string[]; count: number }>();
    for (const row of await this.signups.confirmedBetween(a.tenantId, from, until)) {
      const key = `${row.shift_id}|${new Date(row.starts_at).getTime()}`;
      const entry = on.get(key) ?? { people: [], count: 0 };
      entry.count += 1;
      if (row.member_id && (everyone || own.has(row.member_id))) entry.people.push(row.member_id);
      on.set(key, entry);
    }
    return on;
  }
}
