import { ACTIVITY_CATEGORY_LABELS, type ActivityCategory, type ListingStatus } from '@hearth/contracts';
import { hsdsSchedule, type HsdsSchedule } from './hsds-schedule.util';
import type { ActivitySource, LeroSource } from './lero-sources.repository';

/** A LERO's organisation as the directory lists it. */
export interface OrganizationPlan {
  status: ListingStatus;
  name: string;
  email: string | null;
}

/** A place as HSDS holds it: a location, and its address when there is a postcode to give. */
export interface PlacePlan {
  location_type: 'physical' | 'virtual';
  name: string;
  latitude: number | null;
  longitude: number | null;
  address: { address_1: string; city: string; postal_code: string } | null;
}

/** An activity's service as the directory lists it: each key is one field of the change log. */
export interface ServicePlan {
  status: ListingStatus;
  name: string;
  description: string;
  url: string | null;
  email: string | null;
  /** Null for what has no schedule of its own (a volunteering role: ADR 0058). */
  schedule: HsdsSchedule | null;
  /** How to attend (HSDS `attending_type` of the schedule): that the location is on request, when it is. */
  attendingType: string | null;
  /** Null when there is no place to give, or the location is on request. */
  location: PlacePlan | null;
  /** With the location on request: the area it is in (a postcode district), if known. */
  area: { name: string | null; description: string } | null;
  taxonomyTermIds: string[];
}

/** Hearth's own taxonomy terms (migration 20261211) an activity of each category is found under. */
const TERMS = {
  mutualAid: 'd96cb944-0f1a-4ffe-af4c-d0d48c68c8d9',
  peerSupport: 'd8888009-6a66-460d-aed7-ccc787fa1c41',
  employment: '3567a9b8-81e0-4f87-b1f1-5c9b7603b385',
  mentalHealth: '451ce72f-504c-4139-88e0-f072433c6896',
  physicalHealth: '4e1cb89c-6c30-45ac-bfc1-0dc70c559144',
  family: '820a337c-41ff-48ea-98f7-2187ec5ac1ab',
  education: 'ad8f25e4-1f20-4d91-9ccd-0c1146511118',
  volunteering: '042f6833-53b4-42ca-9b46-322e780b0fd7',
  soberSocial: '25dbd5d3-46d0-4d53-99ea-50c88cc2937d',
};

export const CATEGORY_TERMS: Record<ActivityCategory, string[]> = {
  'peer-support': [TERMS.peerSupport],
  'mutual-aid': [TERMS.mutualAid],
  walking: [TERMS.physicalHealth, TERMS.soberSocial],
  'sport-fitness': [TERMS.physicalHealth, TERMS.soberSocial],
  'arts-crafts': [TERMS.soberSocial],
  music: [TERMS.soberSocial],
  'book-club': [TERMS.soberSocial],
  'learning-skills': [TERMS.education, TERMS.employment],
  'sober-social': [TERMS.soberSocial],
  'community-action': [TERMS.volunteering],
  volunteering: [TERMS.volunteering],
  family: [TERMS.family],
  wellbeing: [TERMS.mentalHealth],
  other: [],
};

export const ON_REQUEST = 'Location on request: contact the organisation for the address.';

/** The organisation: listed while the LERO publishes and is active; hidden while suspended; gone otherwise. */
export function organizationPlan(lero: LeroSource): OrganizationPlan {
  const status: ListingStatus =
    !lero.publish_to_directory || lero.status === 'archived'
      ? 'retired'
      : lero.status === 'active'
        ? 'active'
        : 'inactive';
  return { status, name: lero.name, email: lero.contact_email };
}

/**
 * A free-text address as HSDS's: the last line (after the last comma) is the town, unless there is only one;
 * no address line without a postcode (HSDS requires one), but the place and its point stay.
 */
export function placePlan(
  location: NonNullable<NonNullable<ActivitySource['listing']>['location']>,
): PlacePlan {
  const lines = (location.address ?? '')
    .split(/[,\n]/)
    .map((l) => l.trim())
    .filter(Boolean);
  const physical = lines.length > 0 || location.postcode || location.latitude !== null;
  return {
    location_type: physical || !location.onlineUrl ? 'physical' : 'virtual',
    name: location.name,
    latitude: location.latitude ?? null,
    longitude: location.longitude ?? null,
    address: location.postcode
      ? {
          address_1: (lines.length > 1 ? lines.slice(0, -1) : lines).join(', ') || location.name,
          city: lines.length > 1 ? lines[lines.length - 1] : '',
          postal_code: location.postcode.toUpperCase().replace(/^(.+?)\s*(\d[A-Z]{2})$/, '$1 $2'),
        }
      : null,
  };
}

/** How an activity stands in the directory, whatever its content: listed, hidden for now, or gone. */
export function serviceStatus(org: OrganizationPlan, a: ActivitySource): ListingStatus {
  if (org.status === 'retired' || a.removed || a.status === 'ended' || !a.listing) return 'retired';
  return org.status === 'inactive' || a.status === 'paused' ? 'inactive' : 'active';
}

/** The service a listed activity is, from the facts the events service gave and its LERO's public contact. */
export function servicePlan(org: OrganizationPlan, a: ActivitySource): ServicePlan | null {
  const facts = a.listing;
  if (!facts) return null;
  const label = ACTIVITY_CATEGORY_LABELS[facts.category] ?? 'An activity';
  return {
    status: serviceStatus(org, a),
    name: facts.title,
    description: facts.description ?? `${label}, run by ${org.name}.`,
    url: facts.location?.onlineUrl ?? null,
    email: org.email,
    schedule: hsdsSchedule(facts.schedule),
    attendingType: facts.locationOnRequest ? ON_REQUEST : null,
    location: facts.location && !facts.locationOnRequest ? placePlan(facts.location) : null,
    area: facts.locationOnRequest ? { name: facts.area ?? null, description: ON_REQUEST } : null,
    taxonomyTermIds: CATEGORY_TERMS[facts.category] ?? [],
  };
}
