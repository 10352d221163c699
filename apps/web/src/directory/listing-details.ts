import { HEARTH_TAXONOMY_TERMS } from '@hearth/contracts';
import { DateTime } from 'luxon';
import type { HsdsService } from '../api/hsds';
import { languageName } from './listing-form';
import { shapeOfService, type ListingShape } from './listing-shape';
import { openingTimes, type OpeningTime } from './opening-times';

/** A listing as a person reads it: what it is, when it is open, where, how to get in touch, who it is for. */
export interface ListingDetails {
  name: string;
  organisation?: string;
  description: string[];
  categories: string[];
  openingTimes: OpeningTime[];
  address?: string[];
  /** The service has a place whose address it gives only when asked (a meeting that is not advertised). */
  locationOnRequest: boolean;
  accessibility?: string;
  contact: { name?: string; phone?: string; phoneHref?: string; email?: string; website?: string };
  eligibility?: string;
  cost: string[];
  languages: string[];
  alert?: string;
  /** When its curators last checked it ("5 March 2027"). */
  checked?: string;
}

export interface DetailExtras {
  organisation?: string;
  /** Names of the taxonomy terms the shape names by id (Hearth's are known). */
  termNames?: Map<string, string>;
  costOptions?: string[];
  eligibility?: string;
  locationOnRequest?: boolean;
  assuredDate?: string | null;
}

const HEARTH_TERM_NAMES = new Map<string, string>(HEARTH_TAXONOMY_TERMS.map((t) => [t.id, t.name]));

/** "Ages 16 to 25", "Ages 18 and over", "Ages up to 18"; undefined when anyone may come. */
export function agesInWords(minimum?: number | null, maximum?: number | null): string | undefined {
  const min = minimum ?? undefined;
  const max = maximum ?? undefined;
  if (min !== undefined && max !== undefined)
    return min === max ? `Age ${min} only` : `Ages ${min} to ${max}`;
  if (min !== undefined) return `Ages ${min} and over`;
  if (max !== undefined) return `Ages up to ${max}`;
  return undefined;
}

/** "5 March 2027" of an ISO date. */
export const dayInWords = (iso: string) => {
  const date = DateTime.fromISO(iso, { zone: 'utc' });
  return date.isValid ? date.setLocale('en-GB').toFormat('d LLLL yyyy') : iso;
};

const money = (amount: number, currency = 'GBP') =>
  amount === 0
    ? 'Free'
    : new Intl.NumberFormat('en-GB', { style: 'currency', currency, minimumFractionDigits: 2 })
        .format(amount)
        .replace(/\.00$/, '');

/** A listing's details from its shape, with what the shape does not hold. */
export function detailsOf(shape: ListingShape, extras: DetailExtras = {}): ListingDetails {
  const names = new Map([...HEARTH_TERM_NAMES, ...(extras.termNames ?? [])]);
  const location = shape.location;
  const contact = shape.contact ?? {};
  const phone = contact.phone;
  const eligibility = [agesInWords(shape.minimumAge, shape.maximumAge), extras.eligibility].filter(
    (x): x is string => Boolean(x),
  );
  return {
    name: shape.name ?? '',
    organisation: extras.organisation,
    description: (shape.description ?? '')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    categories: (shape.taxonomyTermIds ?? []).map((id) => names.get(id)).filter((n): n is string => !!n),
    openingTimes: openingTimes(shape.schedules ?? []),
    address: location
      ? [location.name, location.address1, location.city, location.postcode].filter((x): x is string =>
          Boolean(x),
        )
      : undefined,
    locationOnRequest: !location && Boolean(extras.locationOnRequest),
    accessibility: location?.accessibility,
    contact: {
      name: contact.name,
      phone,
      phoneHref: phone ? `tel:${phone.replace(/[^+0-9]/g, '')}` : undefined,
      email: contact.email ?? shape.email ?? undefined,
      website: shape.url ?? undefined,
    },
    eligibility: eligibility.length ? eligibility.join('. ') : undefined,
    cost: [...(shape.fees ? [shape.fees] : []), ...(extras.costOptions ?? [])],
    languages: (shape.languages ?? []).map(languageName),
    alert: shape.alert ?? undefined,
    checked: extras.assuredDate ? dayInWords(extras.assuredDate) : undefined,
  };
}

/** A service of the public feed, as the public listing page shows it. */
export function serviceDetails(service: HsdsService): ListingDetails {
  const place = service.service_at_locations?.[0]?.location;
  return detailsOf(shapeOfService(service), {
    organisation: service.organization?.name,
    termNames: new Map(
      (service.attributes ?? [])
        .filter((a) => a.taxonomy_term?.id && a.taxonomy_term.name)
        .map((a) => [a.taxonomy_term!.id!, a.taxonomy_term!.name!]),
    ),
    costOptions: (service.cost_options ?? []).map((c) =>
      [c.option, c.amount !== undefined ? money(c.amount, c.currency) : undefined, c.amount_description]
        .filter(Boolean)
        .join(': '),
    ),
    eligibility: service.eligibility_description,
    locationOnRequest: Boolean(place) && !(place?.addresses ?? []).some((a) => a.address_1),
    assuredDate: service.assured_date,
  });
}
