import type { LocationView, RsvpListView, RsvpStatus, SessionView } from '@hearth/contracts';
import { clockTime, localDay, longDate } from '../http/time';
import { categoryName } from './categories';

/** The register is open from an hour before the start until 30 days after (the events service's rule). */
const REGISTER_OPENS_BEFORE_MS = 3600_000;
const REGISTER_CLOSES_AFTER_MS = 30 * 86_400_000;

export type RegisterState = 'cancelled' | 'not-open' | 'open' | 'closed';

export interface SessionCard {
  id: string;
  activityId: string;
  title: string;
  category: string;
  day: string;
  dayKey: string;
  time: string;
  place: string | undefined;
  onlineUrl: string | undefined;
  cancelled: boolean;
  cancelReason: string | null;
  capacity: number | null;
  going: number;
  waitlisted: number;
  attended: number;
  walkIns: number;
  /** Checked-in members and walk-ins. */
  total: number;
  register: RegisterState;
  /** Not started yet: members can still say they are coming (RSVPs close at the start). */
  upcoming: boolean;
  /** Started and not yet ended. */
  inProgress: boolean;
  /** When the register opens, "09:00", for a session still to come. */
  registerOpensAt: string;
  membersOnly: boolean;
}

export const placeOf = (location: LocationView | null): string | undefined =>
  location
    ? [location.name, location.address, location.postcode].filter((p): p is string => !!p).join(', ')
    : undefined;

export function registerState(s: Pick<SessionView, 'status' | 'startsAt'>, now = Date.now()): RegisterState {
  if (s.status === 'cancelled') return 'cancelled';
  const start = Date.parse(s.startsAt);
  if (now < start - REGISTER_OPENS_BEFORE_MS) return 'not-open';
  if (now > start + REGISTER_CLOSES_AFTER_MS) return 'closed';
  return 'open';
}

/** A session as pages show it: its day and time in its own zone, where, and its counts. */
export function sessionCard(s: SessionView, now = Date.now()): SessionCard {
  return {
    id: s.id,
    activityId: s.activityId,
    title: s.title,
    category: categoryName(s.category),
    day: longDate(s.startsAt, s.timezone),
    dayKey: localDay(s.startsAt, s.timezone),
    time: `${clockTime(s.startsAt, s.timezone)} to ${clockTime(s.endsAt, s.timezone)}`,
    place: placeOf(s.location),
    onlineUrl: s.location?.onlineUrl ?? undefined,
    cancelled: s.status === 'cancelled',
    cancelReason: s.cancelReason,
    capacity: s.capacity,
    going: s.going,
    waitlisted: s.waitlisted,
    attended: s.attended,
    walkIns: s.walkIns,
    total: s.attended + s.walkIns,
    register: registerState(s, now),
    upcoming: s.status === 'scheduled' && Date.parse(s.startsAt) > now,
    inProgress: s.status === 'scheduled' && Date.parse(s.startsAt) <= now && now < Date.parse(s.endsAt),
    registerOpensAt: clockTime(
      new Date(Date.parse(s.startsAt) - REGISTER_OPENS_BEFORE_MS).toISOString(),
      s.timezone,
    ),
    membersOnly: s.visibility === 'members',
  };
}

/** Sessions grouped by day, in order, for lists headed by the date. */
export function byDay<T extends { day: string; dayKey: string }>(
  cards: T[],
): { day: string; sessions: T[] }[] {
  const days = new Map<string, { day: string; sessions: T[] }>();
  for (const card of cards) {
    const entry = days.get(card.dayKey) ?? { day: card.day, sessions: [] };
    entry.sessions.push(card);
    days.set(card.dayKey, entry);
  }
  return [...days.values()];
}

/** "1 person", "3 people" */
export const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

/** The RSVPs with this status, by name (an erased member's as "A former member"). */
export const named = (rsvps: RsvpListView, status: RsvpStatus) =>
  rsvps.items
    .filter((r) => r.status === status)
    .map((r) => ({ memberId: r.memberId, name: r.displayName ?? 'A former member' }));
