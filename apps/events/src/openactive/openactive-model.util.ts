import type { ActivityCategory, LocationView } from '@hearth/contracts';
import { postcodeDistrict } from '../activities/activity.view';

const ACTIVITY_LIST = 'https://openactive.io/activity-list';

/**
 * Hearth's categories that are a physical activity, as concepts of the OpenActive activity list (CC BY 4.0;
 * ids and labels as the list has them, checked by a test against a copy of it in the repo). The others — peer
 * support, mutual aid, book clubs, music … — are not in the list, and an activity finder is not where they belong:
 * their activities never enter the feed (ADR 0078).
 */
export const OPENACTIVE_ACTIVITIES: Partial<Record<ActivityCategory, { id: string; prefLabel: string }>> = {
  walking: { id: `${ACTIVITY_LIST}#95092977-5a20-4d6e-b312-8fddabe71544`, prefLabel: 'Walking' },
  'sport-fitness': {
    id: `${ACTIVITY_LIST}#984068a7-5b7b-4989-bb33-f96953d8960c`,
    prefLabel: 'Group Exercise',
  },
};

/** What the feed is built from: an activity's row. */
export interface ActivityFacts {
  id: string;
  title: string;
  category: ActivityCategory;
  description: string | null;
  location: LocationView | null;
  locationOnRequest: boolean;
  durationMinutes: number;
  capacity: number | null;
  /** Wall-clock start `YYYY-MM-DDTHH:mm:ss`, its zone and its RFC 5545 rule (null: once). */
  startsAtLocal: string;
  timezone: string;
  rrule: string | null;
}

export interface SessionFactsRow {
  id: string;
  activityId: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
}

export interface LeroFacts {
  name: string;
  slug: string;
  publicEmail: string | null;
}

const duration = (minutes: number) => `PT${minutes}M`;
/** An instant as OpenActive's validator wants it: whole seconds, `Z`. */
const instant = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
/** Addresses under the public origin are stored as paths and completed when read (`withAddresses`). */
const leroPage = (lero: LeroFacts) => `/leros/${lero.slug}`;

/** The LERO as OpenActive's `organizer` (its public page); its email only when it chose to make it public. */
const organizer = (lero: LeroFacts) => ({
  '@type': 'Organization',
  '@id': leroPage(lero),
  name: lero.name,
  url: leroPage(lero),
  ...(lero.publicEmail ? { email: lero.publicEmail } : {}),
});

const FREQUENCY: Record<string, string> = { DAILY: 'D', WEEKLY: 'W', MONTHLY: 'M', YEARLY: 'Y' };
const WEEKDAY: Record<string, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

/**
 * The schedule as a `PartialSchedule`: its times of day and zone, and how often it repeats (every n days, weeks,
 * months or years; the weekdays of a weekly rule). The sessions themselves are in the ScheduledSession feed.
 */
export function partialSchedule(a: ActivityFacts): Record<string, unknown> {
  const [hours, minutes] = a.startsAtLocal.slice(11, 16).split(':').map(Number);
  const end = (hours * 60 + minutes + a.durationMinutes) % 1440;
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const parts = new Map(
    (a.rrule ?? '')
      .split(';')
      .filter(Boolean)
      .map((p) => p.split('=') as [string, string]),
  );
  const unit = FREQUENCY[parts.get('FREQ') ?? ''];
  const days = (parts.get('BYDAY') ?? '').split(',').filter((d) => WEEKDAY[d]);
  return {
    '@type': 'PartialSchedule',
    ...(unit
      ? { repeatFrequency: `P${Number(parts.get('INTERVAL') ?? 1)}${unit}` }
      : { startDate: a.startsAtLocal.slice(0, 10) }),
    ...(unit === 'W' && days.length ? { byDay: days.map((d) => `https://schema.org/${WEEKDAY[d]}`) } : {}),
    startTime: hhmm(hours * 60 + minutes),
    endTime: hhmm(end),
    scheduleTimezone: a.timezone,
  };
}

/**
 * Where: the place with its address and point, or with the location on request only its postcode district (as
 * the address, in words: OpenActive's `PostalAddress` would want the street). Null without a physical place.
 */
export function place(location: LocationView | null, onRequest: boolean): Record<string, unknown> | null {
  if (!location || (!location.address && !location.postcode && location.latitude === null)) return null;
  if (onRequest) {
    const area = postcodeDistrict(location.postcode);
    return {
      '@type': 'Place',
      name: area ? `Location on request (${area})` : 'Location on request',
      description: 'The address is given on request: contact the organiser.',
      address: area ?? 'On request',
    };
  }
  const parts = (location.address ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const locality = parts.length > 1 ? parts.pop() : undefined;
  return {
    '@type': 'Place',
    name: location.name,
    address: {
      '@type': 'PostalAddress',
      ...(parts.length ? { streetAddress: parts.join(', ') } : {}),
      ...(locality ? { addressLocality: locality } : {}),
      ...(location.postcode ? { postalCode: location.postcode } : {}),
      addressCountry: 'GB',
    },
    ...(location.latitude !== null && location.longitude !== null
      ? { geo: { '@type': 'GeoCoordinates', latitude: location.latitude, longitude: location.longitude } }
      : {}),
  };
}

/** An activity as a `SessionSeries` (without `@id`: the feed's address is added when it is read). */
export function sessionSeries(activity: ActivityFacts, lero: LeroFacts): Record<string, unknown> {
  const term = OPENACTIVE_ACTIVITIES[activity.category];
  const where = place(activity.location, activity.locationOnRequest);
  return {
    '@context': 'https://openactive.io/',
    '@type': 'SessionSeries',
    identifier: activity.id,
    name: activity.title,
    ...(activity.description ? { description: activity.description } : {}),
    activity: term
      ? [{ '@type': 'Concept', '@id': term.id, prefLabel: term.prefLabel, inScheme: ACTIVITY_LIST }]
      : [],
    organizer: organizer(lero),
    url: leroPage(lero),
    ...(where ? { location: where } : {}),
    // Hearth takes no payment: what a LERO runs is free to come to (ADR 0078).
    offers: [{ '@type': 'Offer', identifier: 'free', name: 'Free', price: 0, priceCurrency: 'GBP' }],
    eventSchedule: [partialSchedule(activity)],
    duration: duration(activity.durationMinutes),
    ...(activity.capacity !== null ? { maximumAttendeeCapacity: activity.capacity } : {}),
  };
}

/** A session as a `ScheduledSession`; `superEvent` holds the activity's id until the feed's address is added. */
export function scheduledSession(session: SessionFactsRow): Record<string, unknown> {
  const minutes = Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000);
  return {
    '@context': 'https://openactive.io/',
    '@type': 'ScheduledSession',
    identifier: session.id,
    superEvent: session.activityId,
    startDate: instant(session.startsAt),
    endDate: instant(session.endsAt),
    duration: duration(minutes),
    eventStatus: 'https://schema.org/EventScheduled',
    ...(session.capacity !== null ? { maximumAttendeeCapacity: session.capacity } : {}),
  };
}

/** What an item read gets from where it was read: the origin, the feed's address, the region's name. */
export interface ReadAt {
  origin: string;
  /** `…/regions/{slug}/openactive` */
  base: string;
  regionName: string;
}

/**
 * The feed's addresses in an item as it is read: its `@id`, the series a session belongs to, the LERO's page
 * (stored as a path), and the region as the address's `addressRegion` (OpenActive wants one; the region is the
 * area the LERO's network covers).
 */
export function withAddresses(
  kind: 'SessionSeries' | 'ScheduledSession',
  id: string,
  data: Record<string, unknown>,
  at: ReadAt,
): Record<string, unknown> {
  if (kind === 'ScheduledSession')
    return {
      '@context': data['@context'],
      '@id': `${at.base}/scheduled-sessions/${id}`,
      ...data,
      superEvent: `${at.base}/session-series/${String(data.superEvent)}`,
    };
  const seriesId = `${at.base}/session-series/${id}`;
  const organizer = data.organizer as Record<string, unknown>;
  const location = data.location as Record<string, unknown> | undefined;
  const address = location?.address;
  return {
    '@context': data['@context'],
    '@id': seriesId,
    ...data,
    url: `${at.origin}${String(data.url)}`,
    organizer: {
      ...organizer,
      '@id': `${at.origin}${String(organizer['@id'])}`,
      url: `${at.origin}${String(organizer.url)}`,
    },
    ...(location
      ? {
          location:
            address && typeof address === 'object'
              ? { ...location, address: { ...address, addressRegion: at.regionName } }
              : location,
        }
      : {}),
    offers: (data.offers as Record<string, unknown>[]).map((o) => ({
      ...o,
      '@id': `${seriesId}#offer-${String(o.identifier)}`,
    })),
  };
}
