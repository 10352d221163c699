import type { SuggestedListing } from '@hearth/contracts';
import type { Cells, MappedService } from './hsds-record.mapper';

/*
 * Imports into suggestions (ADR 0041): what a feed's record becomes in the curators' queue. Pure: the writer
 * reads what the region has of the record and does what these rules say.
 */

/** The digest a "the feed no longer has it" suggestion keeps: no record digests to it. */
export const GONE = 'gone';

/** What the region has of one record of a feed: its pending suggestion, its listing, the last one turned down. */
export interface RecordState {
  pending?: { id: string; digest: string | null };
  listing?: { id: string; status: string; digest: string | null };
  /** The digest of the newest decided suggestion of the record, when a curator (or a sweep) rejected it. */
  rejectedDigest?: string | null;
}

export type SuggestionStep =
  | { action: 'keep' }
  | { action: 'update'; suggestionId: string; listingId: string | null }
  | { action: 'withdraw'; suggestionId: string }
  | { action: 'suggest'; kind: 'new'; listingId: null }
  | { action: 'suggest'; kind: 'change'; listingId: string };

/**
 * A record of the feed, as it is now (`digest`, `status`):
 * - a pending suggestion of it is kept when the record has not changed, else updated in place (never a second),
 *   or withdrawn when the record's listing already has it (the record came back as it was listed);
 * - a listing made from it is left alone when it already has this record or a curator retired it, else a change
 *   is suggested against it;
 * - a record no listing has is suggested as new, unless it is defunct (nothing to list);
 * - either way, a record a curator turned down is not suggested again until it changes.
 */
export function suggestionStep(digest: string, status: string, state: RecordState): SuggestionStep {
  const { pending, listing, rejectedDigest } = state;
  if (pending) {
    if (pending.digest === digest) return { action: 'keep' };
    if (listing && listing.status !== 'retired' && listing.digest === digest)
      return { action: 'withdraw', suggestionId: pending.id };
    return { action: 'update', suggestionId: pending.id, listingId: listing?.id ?? null };
  }
  if (rejectedDigest === digest) return { action: 'keep' };
  if (listing) {
    if (listing.status === 'retired' || listing.digest === digest) return { action: 'keep' };
    return { action: 'suggest', kind: 'change', listingId: listing.id };
  }
  if (status === 'retired') return { action: 'keep' };
  return { action: 'suggest', kind: 'new', listingId: null };
}

/** After a whole walk, for a record of the feed that it no longer has. */
export type SweepStep =
  | { action: 'keep' }
  | { action: 'withdraw'; suggestionId: string }
  | { action: 'make-inactive'; suggestionId: string; listingId: string }
  | { action: 'suggest-inactive'; listingId: string };

/**
 * What the feed no longer has. A pending suggestion of it is withdrawn (a curator should not approve what is
 * gone) or, when the record has an active listing, becomes the suggestion to make that listing inactive (not
 * retired: the record may come back); an active listing without one gets that suggestion — once, not again after
 * a curator turned it down. Listings already inactive or retired are left as they are.
 */
export function sweepStep(state: RecordState): SweepStep {
  const { pending, listing } = state;
  const active = listing?.status === 'active' ? listing.id : undefined;
  if (pending) {
    if (pending.digest === GONE) return { action: 'keep' };
    return active
      ? { action: 'make-inactive', suggestionId: pending.id, listingId: active }
      : { action: 'withdraw', suggestionId: pending.id };
  }
  if (!active || state.rejectedDigest === GONE) return { action: 'keep' };
  return { action: 'suggest-inactive', listingId: active };
}

const str = (v: Cells[string]) => (typeof v === 'string' ? v : undefined);
const num = (v: Cells[string]) => (typeof v === 'number' ? v : undefined);

/** The entries of an object that say something (a preview has no `undefined`, empty text or empty part). */
const defined = <T extends object>(o: T): T =>
  Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) =>
        v !== undefined &&
        v !== '' &&
        !(typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0),
    ),
  ) as T;

/**
 * A feed's record as a listing's fields, for a curator to read in the queue (and the LEROs' screens to show in
 * one shape): the service, its organisation, its first place with an address, its first contact and phone, its
 * times, its languages. What does not fit a listing's fields (more places, areas, costs) is only in the record,
 * which approving writes whole.
 */
export function previewOf(m: MappedService): SuggestedListing {
  const s = m.service;
  const o = m.organization.cells;
  const place = m.locations.find((l) => l.addresses.length > 0) ?? m.locations[0];
  const address = place?.addresses[0];
  const contact = m.contacts[0];
  return defined({
    name: s.name,
    description: str(s.description),
    url: str(s.url),
    email: str(s.email),
    status: s.status as 'active',
    fees: str(s.fees),
    minimumAge: num(s.minimum_age),
    maximumAge: num(s.maximum_age),
    alert: str(s.alert),
    organization: defined({
      name: o.name,
      description: str(o.description),
      email: str(o.email),
      website: str(o.website),
    }),
    location:
      place && address
        ? defined({
            name: str(place.cells.name),
            description: str(place.cells.description),
            address1: String(address.address_1),
            city: String(address.city),
            postcode: String(address.postal_code),
            latitude: num(place.cells.latitude),
            longitude: num(place.cells.longitude),
            accessibility:
              place.accessibility
                .map((a) => str(a.description))
                .filter(Boolean)
                .join(' ') || undefined,
          })
        : undefined,
    schedules: m.schedules.some((x) => x.freq)
      ? m.schedules
          .filter((x) => x.freq)
          .map((x) =>
            defined({
              freq: x.freq as 'WEEKLY' | 'MONTHLY',
              interval: num(x.interval),
              byday: str(x.byday),
              bymonthday: str(x.bymonthday),
              opensAt: str(x.opens_at),
              closesAt: str(x.closes_at),
              validFrom: str(x.valid_from),
              validTo: str(x.valid_to),
              description: str(x.description),
            }),
          )
      : undefined,
    contact: contact
      ? defined({
          name: str(contact.cells.name),
          title: str(contact.cells.title),
          email: str(contact.cells.email),
          phone: str(contact.phones[0]?.number),
        })
      : undefined,
    languages: m.languages.some((l) => /^[a-z]{2,3}$/.test(String(l.code ?? '')))
      ? m.languages.map((l) => String(l.code ?? '')).filter((c) => /^[a-z]{2,3}$/.test(c))
      : undefined,
  });
}
