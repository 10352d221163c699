import { ICalCalendarMethod, ICalEventStatus, default as ical } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { zoned } from '@hearth/recurrence';
import type { SessionRow } from '../sessions/session.view';

export interface FeedOptions {
  lero: { name: string; slug: string };
  now: Date;
}

/** VTIMEZONE text for a zone, or null when the bundled tz data lacks it (its sessions then go out in UTC). */
const vtimezone = (zone: string) => (zone === 'UTC' ? null : getVtimezoneComponent(zone));

/**
 * An RFC 5545 feed of a LERO's public sessions, one VEVENT per session (expanded occurrences, so a cancelled
 * or moved session is exactly what calendars show). Times carry TZID with a VTIMEZONE, so Google, Outlook and
 * Apple keep the local time across daylight-saving changes. Never attendees, never RSVP names.
 */
export function calendarFeed(rows: SessionRow[], { lero, now }: FeedOptions): string {
  const calendar = ical({
    name: `${lero.name}: public sessions`,
    description: `What ${lero.name} runs that anyone can come to.`,
    prodId: { company: 'Hearth', product: 'events', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
    // No calendar-wide zone: ical-generator would then write DTSTAMP in it, without the Z RFC 5545 requires.
    // The generator still emits a VTIMEZONE for every zone an event uses.
    timezone: { name: null, generator: (zone: string) => vtimezone(zone) },
  });
  for (const row of rows) {
    const zone = vtimezone(row.timezone) ? row.timezone : 'UTC';
    const where = row.location
      ? [row.location.name, row.location.address, row.location.postcode].filter(Boolean).join(', ')
      : null;
    calendar.createEvent({
      id: `${row.id}@hearth`,
      stamp: now,
      start: zoned(new Date(row.starts_at), zone),
      end: zoned(new Date(row.ends_at), zone),
      timezone: zone,
      summary: row.status === 'cancelled' ? `Cancelled: ${row.title}` : row.title,
      description: row.status === 'cancelled' && row.cancel_reason ? row.cancel_reason : row.description,
      location: where,
      url: row.location?.onlineUrl ?? null,
      status: row.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      categories: [{ name: row.category }],
    });
  }
  return calendar.toString();
}
