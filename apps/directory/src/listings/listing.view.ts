import type { ListingStatus, ListingView } from '@hearth/contracts';
import type { ServiceGraph } from '../hsds/service-graph.repository';

const s = (v: unknown) => (v === null || v === undefined ? undefined : String(v));
const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const orNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** A listing as its curators see it, from the rows of its service graph. */
export function listingView(regionId: string, g: ServiceGraph): ListingView {
  const sv = g.service;
  const o = g.organization;
  const place = g.locations[0];
  const address = place?.addresses[0];
  const first = g.contacts[0];
  return {
    id: String(sv.id),
    regionId,
    name: String(sv.name),
    description: orNull(sv.description),
    url: orNull(sv.url),
    email: orNull(sv.email),
    status: sv.status as ListingStatus,
    fees: orNull(sv.fees),
    minimumAge: n(sv.minimum_age),
    maximumAge: n(sv.maximum_age),
    alert: orNull(sv.alert),
    assuredDate: orNull(sv.assured_date),
    assurerEmail: orNull(sv.assurer_email),
    organization: {
      id: String(o.id),
      name: String(o.name),
      description: orNull(o.description),
      email: orNull(o.email),
      website: orNull(o.website),
    },
    location: place
      ? {
          id: String(place.location.id),
          name: s(place.location.name),
          description: s(place.location.description),
          address1: String(address?.address_1 ?? ''),
          city: String(address?.city ?? ''),
          postcode: String(address?.postal_code ?? ''),
          latitude: n(place.location.latitude) ?? undefined,
          longitude: n(place.location.longitude) ?? undefined,
          accessibility: s(place.accessibility[0]?.description),
        }
      : null,
    schedules: g.schedules.map((x) => ({
      id: String(x.id),
      freq: x.freq as 'WEEKLY' | 'MONTHLY',
      interval: n(x.interval) ?? undefined,
      byday: s(x.byday),
      bymonthday: s(x.bymonthday),
      opensAt: s(x.opens_at),
      closesAt: s(x.closes_at),
      validFrom: s(x.valid_from),
      validTo: s(x.valid_to),
      description: s(x.description),
    })),
    contact: first
      ? {
          id: String(first.contact.id),
          name: s(first.contact.name),
          title: s(first.contact.title),
          email: s(first.contact.email),
          phone: s(first.phones[0]?.number),
        }
      : null,
    taxonomyTerms: g.terms.map((t) => ({ id: String(t.id), name: String(t.name) })),
    languages: g.languages.map((l) => String(l.code)),
    source: orNull(sv.source),
    sourceId: orNull(sv.source_id),
    createdAt: new Date(String(sv.created_at)).toISOString(),
    lastModified: new Date(String(sv.last_modified)).toISOString(),
  };
}
