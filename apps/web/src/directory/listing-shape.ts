import type {
  ContactInput,
  ListingView,
  LocationInput,
  OrganizationInput,
  SuggestionView,
} from '@hearth/contracts';
import type { HsdsService } from '../api/hsds';
import type { Schedule } from './opening-times';
import { splitSchedules, gridSchedules } from './opening-times';

/**
 * A listing as the forms handle it: the fields of creating one, without ids (a curator's listing, a public
 * service from the feed, or what a LERO suggested), so one form edits them all and a change is worked out by
 * comparing two shapes.
 */
export interface ListingShape {
  name?: string;
  description?: string | null;
  url?: string | null;
  email?: string | null;
  status?: 'active' | 'inactive';
  fees?: string | null;
  minimumAge?: number | null;
  maximumAge?: number | null;
  alert?: string | null;
  location?: LocationInput | null;
  schedules?: Schedule[];
  contact?: ContactInput | null;
  taxonomyTermIds?: string[];
  languages?: string[];
  organizationId?: string;
  organization?: OrganizationInput;
}

/** The fields a change may carry, in the order the form asks them (the organisation is a new listing's). */
export const CHANGEABLE = [
  'name',
  'description',
  'taxonomyTermIds',
  'schedules',
  'location',
  'url',
  'contact',
  'minimumAge',
  'maximumAge',
  'fees',
  'languages',
  'status',
] as const;
export type Changeable = (typeof CHANGEABLE)[number];

/** Each field as people say it (a change's summary, a suggestion's table). */
export const FIELD_NAMES: Record<Changeable | 'organization' | 'organizationId' | 'email' | 'alert', string> =
  {
    name: 'Name',
    description: 'Description',
    taxonomyTermIds: 'Categories',
    schedules: 'Opening times',
    location: 'Address and accessibility',
    url: 'Website',
    contact: 'Contact',
    minimumAge: 'Youngest age',
    maximumAge: 'Oldest age',
    fees: 'Cost',
    languages: 'Languages',
    status: 'Shown in the public directory',
    organization: 'Organisation',
    organizationId: 'Organisation',
    email: 'Email address',
    alert: 'Alert',
  };

/** Without the keys whose value is undefined or null (an object as the API would read it). */
export function compactObject<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as T;
}

/** A curator's listing as a shape. */
export function shapeOfListing(view: ListingView): ListingShape {
  const location = view.location;
  return {
    name: view.name,
    description: view.description,
    url: view.url,
    email: view.email,
    status: view.status === 'inactive' ? 'inactive' : 'active',
    fees: view.fees,
    minimumAge: view.minimumAge,
    maximumAge: view.maximumAge,
    alert: view.alert,
    location: location
      ? compactObject({
          name: location.name,
          description: location.description,
          address1: location.address1,
          city: location.city,
          postcode: location.postcode,
          latitude: location.latitude,
          longitude: location.longitude,
          accessibility: location.accessibility,
        })
      : null,
    schedules: view.schedules.map(({ id: _id, ...s }) => compactObject(s)),
    contact: view.contact
      ? compactObject({
          name: view.contact.name,
          title: view.contact.title,
          email: view.contact.email,
          phone: view.contact.phone,
        })
      : null,
    taxonomyTermIds: view.taxonomyTerms.map((t) => t.id),
    languages: view.languages,
    organizationId: view.organization.id,
  };
}

/** A service of the public feed as a shape (what a LERO suggests a change to). */
export function shapeOfService(service: HsdsService): ListingShape {
  const place = service.service_at_locations?.[0]?.location;
  const address = place?.addresses?.[0];
  const contact = service.contacts?.[0];
  return {
    name: service.name,
    description: service.description ?? null,
    url: service.url ?? null,
    email: service.email ?? null,
    fees: service.fees ?? null,
    minimumAge: service.minimum_age ?? null,
    maximumAge: service.maximum_age ?? null,
    alert: service.alert ?? null,
    location:
      place && address?.address_1 && address.city && address.postal_code
        ? compactObject({
            name: place.name,
            description: place.description,
            address1: address.address_1,
            city: address.city,
            postcode: address.postal_code,
            latitude: place.latitude,
            longitude: place.longitude,
            accessibility: place.accessibility?.[0]?.description,
          })
        : null,
    schedules: (service.schedules ?? []).map((s) =>
      compactObject({
        freq: s.freq ?? 'WEEKLY',
        interval: s.interval,
        byday: s.byday,
        bymonthday: s.bymonthday,
        opensAt: s.opens_at?.slice(0, 5),
        closesAt: s.closes_at?.slice(0, 5),
        validFrom: s.valid_from,
        validTo: s.valid_to,
        description: s.description,
      }),
    ),
    contact: contact
      ? compactObject({
          name: contact.name,
          title: contact.title,
          email: contact.email,
          phone: contact.phones?.[0]?.number,
        })
      : null,
    taxonomyTermIds: (service.attributes ?? [])
      .map((a) => a.taxonomy_term_id ?? a.taxonomy_term?.id)
      .filter((id): id is string => Boolean(id)),
    languages: (service.languages ?? []).map((l) => l.code).filter((c): c is string => Boolean(c)),
    ...(service.organization ? { organizationId: service.organization.id } : {}),
  };
}

/**
 * What a suggestion would make: a new listing's body, or the listing as it is with the change on top (each
 * field given replaces the old one, `null` removes it), as the directory applies it.
 */
export function shapeOfSuggestion(suggestion: SuggestionView, listing?: ListingView): ListingShape {
  const body = suggestion.suggestion as ListingShape;
  if (suggestion.kind === 'new' || !listing) return { ...body };
  const base = shapeOfListing(listing);
  return { ...base, ...body };
}

/** A value compared as the API would store it: empty and absent alike, lists in a stable order. */
function canonical(key: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return 'null';
  if (key === 'taxonomyTermIds' || key === 'languages')
    return JSON.stringify([...(value as string[])].sort());
  if (key === 'schedules') {
    const { grid, others } = splitSchedules(value as Schedule[]);
    return JSON.stringify([gridSchedules(grid), others.map((o) => sorted(o.schedule))]);
  }
  if (typeof value === 'object') return JSON.stringify(sorted(value as object));
  return JSON.stringify(value);
}

const sorted = (value: object) =>
  Object.fromEntries(Object.entries(compactObject(value)).sort(([a], [b]) => a.localeCompare(b)));

/**
 * The fields of `next` that differ from `base` (a change's body): a field emptied is `null`, so the API
 * removes it. Only the fields the form edits are compared.
 */
export function changesOf(
  next: ListingShape,
  base: ListingShape,
  fields: readonly Changeable[] = CHANGEABLE,
) {
  const changes: Record<string, unknown> = {};
  for (const key of fields) {
    if (!(key in next)) continue;
    if (canonical(key, next[key]) !== canonical(key, base[key])) changes[key] = next[key] ?? null;
  }
  return changes as Partial<ListingShape>;
}
