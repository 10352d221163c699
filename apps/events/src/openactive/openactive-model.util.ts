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
  publicEmail: string | null;
}

const duration = (minutes: number) => `PT${minutes}M`;

/** The LERO as OpenActive's `organizer`; its email only when it chose to make it public. */
const organizer = (lero: LeroFacts) => ({
  '@type': 'Organization',
  name: lero.name,
  ...(lero.publicEmail ? { email: lero.publicEmail } : {}),
});

/** Where: the place with its address and point, or with the location on request only its postcode district. */
export function place(location: LocationView | null, onRequest: boolean): Record<string, unknown> | null {
  if (!location) return null;
  if (onRequest) {
    const area = postcodeDistrict(location.postcode);
    return {
      '@type': 'Place',
      name: area ? `Location on request (${area})` : 'Location on request',
      description: 'The address is given on request: contact the organiser.',
      ...(area ? { address: { '@type': 'PostalAddress', postalCode: area, addressCountry: 'GB' } } : {}),
    };
  }
  if (!location.address && !location.postcode && location.latitude === null) return null; // online only
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
    ...(where ? { location: where } : {}),
    ...(activity.location?.onlineUrl && !activity.locationOnRequest
      ? { url: activity.location.onlineUrl }
      : {}),
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
    startDate: session.startsAt.toISOString(),
    endDate: session.endsAt.toISOString(),
    duration: duration(minutes),
    eventStatus: 'https://schema.org/EventScheduled',
    ...(session.capacity !== null ? { maximumAttendeeCapacity: session.capacity } : {}),
  };
}

/** The feed's addresses in an item read for `base` (`…/regions/{slug}/openactive`). */
export function withAddresses(
  kind: 'SessionSeries' | 'ScheduledSession',
  id: string,
  data: Record<string, unknown>,
  base: string,
): Record<string, unknown> {
  if (kind === 'SessionSeries')
    return { '@context': data['@context'], '@id': `${base}/session-series/${id}`, ...data };
  return {
    '@context': data['@context'],
    '@id': `${base}/scheduled-sessions/${id}`,
    ...data,
    superEvent: `${base}/session-series/${String(data.superEvent)}`,
  };
}
