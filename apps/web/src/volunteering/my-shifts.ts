import { DateTime } from 'luxon';
import type { MyShiftView, RotaPersonView } from '@hearth/contracts';
import { clockTime, HOME_ZONE, longDate } from '../http/time';

/** "1st", "2nd", "3rd", "4th", "11th", "22nd": a place in the waiting list. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** How far ahead "My shifts" asks: today (London) and a year on (the API takes at most 366 days). */
export function myShiftsRange(now: Date = new Date()): { from: string; to: string } {
  const today = DateTime.fromJSDate(now).setZone(HOME_ZONE).startOf('day');
  return { from: today.toISODate()!, to: today.plus({ days: 365 }).toISODate()! };
}

/**
 * One of the viewer's coming places, as "My shifts" shows it: when in the shift's own zone, where, the role, and
 * where they stand. A cancelled shift or a closed role says so; a closed role's place cannot be given up here (the
 * API no longer lets a volunteer read its shift), so it says to ask a coordinator.
 */
export function myShiftCard(s: MyShiftView, openRoles: ReadonlySet<string>) {
  const cancelled = s.shiftStatus === 'cancelled';
  const closed = !openRoles.has(s.roleId);
  const confirmed = s.status === 'confirmed';
  return {
    shiftId: s.shiftId,
    date: s.date,
    role: s.roleTitle,
    day: longDate(s.startsAt, s.timezone),
    time: `${clockTime(s.startsAt, s.timezone)} to ${clockTime(s.endsAt, s.timezone)}`,
    place: s.place,
    standing: confirmed
      ? { text: 'You’re on it', classes: 'govuk-tag--green' }
      : {
          text: `Waiting list: ${ordinal(s.waitlistPosition ?? 1)} in line`,
          classes: 'govuk-tag--yellow',
        },
    cancelled,
    closed,
    canCancel: !closed,
  };
}

/** Who is on a shift as the rota shows them (staff see names): the viewer is "You", and nobody is ever an id. */
export function rotaPeople(people: RotaPersonView[], ownId: string | undefined) {
  return people.map((p) =>
    p.memberId === ownId
      ? { name: 'You', you: true }
      : { name: p.displayName ?? 'Name unavailable', you: false },
  );
}
