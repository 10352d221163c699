import type {
  ActivityChangedEvent,
  ActivityListingFacts,
  ActivityView,
  LocationView,
} from '@hearth/contracts';
import type { Activity } from '../programme/activity.entity';

export const activityView = (a: Activity): ActivityView => ({
  id: a.id,
  title: a.title,
  category: a.category,
  description: a.description,
  location: a.location,
  visibility: a.visibility,
  capacity: a.capacity,
  schedule: {
    startsAt: a.startsAtLocal,
    durationMinutes: a.durationMinutes,
    timezone: a.timezone,
    rrule: a.rrule,
  },
  status: a.status,
  publishToDirectory: a.publishToDirectory,
  locationOnRequest: a.locationOnRequest,
  statusChangedAt: a.statusChangedAt?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

export const activityEvent = (a: Activity): ActivityChangedEvent => ({
  tenantId: a.tenantId,
  activityId: a.id,
  title: a.title,
  category: a.category,
  visibility: a.visibility,
  status: a.status,
  publishToDirectory: a.publishToDirectory,
  listing: listingFacts(a),
});

/** A UK postcode's district (`LS6 2AB` → `LS6`): the area a listing names when the location is on request. */
export const postcodeDistrict = (postcode: string | null | undefined): string | null => {
  const compact = postcode?.replace(/\s+/g, '').toUpperCase();
  return compact && compact.length >= 5 ? compact.slice(0, -3) : null;
};

/** The place as public listings show it: only its area when the location is given on request. */
export const publicLocation = (
  location: LocationView | null,
  onRequest: boolean,
): { location: LocationView | null; area: string | null } =>
  onRequest ? { location: null, area: postcodeDistrict(location?.postcode) } : { location, area: null };

/** Where a session is, as anyone may see it: with the location on request, that, and the area if known. */
export function locationForPublic(location: LocationView | null, onRequest: boolean): LocationView | null {
  if (!onRequest || !location) return location;
  const area = postcodeDistrict(location.postcode);
  return {
    name: area ? `Location on request (${area})` : 'Location on request',
    address: null,
    postcode: null,
    latitude: null,
    longitude: null,
    onlineUrl: null,
  };
}

/**
 * What the directory may publish (ADR 0042): nothing of an activity that is not public or is opted out; with the
 * location on request, the postcode's district instead of the address, so the address never leaves this service.
 */
function listingFacts(a: Activity): ActivityListingFacts | null {
  if (a.visibility !== 'public' || !a.publishToDirectory) return null;
  return {
    description: a.description,
    schedule: {
      startsAt: a.startsAtLocal,
      durationMinutes: a.durationMinutes,
      timezone: a.timezone,
      rrule: a.rrule,
    },
    ...publicLocation(a.location, a.locationOnRequest),
    locationOnRequest: a.locationOnRequest,
  };
}
