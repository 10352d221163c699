import { createHash } from 'node:crypto';

/*
 * A service record of another Open Referral UK feed, as the rows Hearth keeps: every value checked and cleaned
 * on the way in (the feed is someone else's), what cannot be kept left out rather than guessed. Pure: the
 * harvester fetches, the writer writes.
 */

type Json = Record<string, unknown>;
/** A row of an HSDS table without its keys: column → value (undefined: left out, the column's default). */
export type Cells = Record<string, string | number | undefined>;

export interface MappedTaxonomy {
  sourceId: string;
  name: string;
  description: string;
  uri?: string;
  version?: string;
}

export interface MappedTerm {
  sourceId: string;
  name: string;
  description: string;
  code?: string;
  term_uri?: string;
  parentSourceId?: string;
  taxonomy: MappedTaxonomy;
}

export interface MappedLocation {
  sourceId: string;
  cells: Cells;
  salDescription?: string;
  addresses: Cells[];
  accessibility: Cells[];
}

export interface MappedService {
  sourceId: string;
  service: Cells & { name: string; status: 'active' | 'inactive' | 'retired' };
  organization: { sourceId: string; cells: Cells & { name: string }; parentSourceId?: string };
  locations: MappedLocation[];
  schedules: Cells[];
  serviceAreas: Cells[];
  costOptions: Cells[];
  languages: Cells[];
  contacts: { cells: Cells; phones: Cells[] }[];
  terms: { term: MappedTerm; value?: string }[];
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown, max: number): Json[] => (Array.isArray(v) ? v.filter(isObject).slice(0, max) : []);

// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as Postgres can keep it (no NUL, no half surrogate pair), trimmed, at most `max` characters. */
export function text(v: unknown, max = 2000): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
  if (typeof v !== 'string') return undefined;
  const clean = v.replace(NUL, '').trim().slice(0, max).replace(LONE_SURROGATE, '\uFFFD');
  return clean || undefined;
}

/** Only http(s) addresses: a `javascript:` or `data:` link from a feed must never reach a page as a link. */
export function link(v: unknown): string | undefined {
  const t = text(v, 1000);
  if (!t) return undefined;
  try {
    const url = new URL(t);
    return url.protocol === 'http:' || url.protocol === 'https:' ? t : undefined;
  } catch {
    return undefined;
  }
}

const email = (v: unknown) => {
  const t = text(v, 254);
  return t && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) ? t : undefined;
};

function num(v: unknown, min: number, max: number): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= min && n <= max ? n : undefined;
}

const int = (v: unknown, min: number, max: number) => {
  const n = num(v, min, max);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
};

/** A calendar date (`2026-01-31`, or the date of a date-time) between 1900 and 2200. */
export function date(v: unknown): string | undefined {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(v.trim()) : null;
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  const real = day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
  return real && y >= 1900 && y <= 2200 ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** A wall-clock time, `HH:MM` (seconds and a zone, if any, are dropped). */
export function time(v: unknown): string | undefined {
  const m =
    typeof v === 'string'
      ? /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(v.trim())
      : null;
  return m ? `${m[1]}:${m[2]}` : undefined;
}

const oneOf = <T extends string>(v: unknown, allowed: readonly T[]): T | undefined => {
  const t = text(v, 50)?.toLowerCase();
  return allowed.find((a) => a === t);
};

/** HSDS status as a listing's: `defunct` is retired, `temporarily closed` (and anything unknown) inactive. */
export function listingStatus(v: unknown): 'active' | 'inactive' | 'retired' {
  const t = text(v, 50)?.toLowerCase();
  if (t === undefined || t === 'active') return 'active';
  return t === 'defunct' ? 'retired' : 'inactive';
}

const PLACE_TYPES = ['physical', 'postal', 'virtual'] as const;

/** A feed's id of something: text of at most 200 characters. */
const sourceId = (v: unknown) => text(v, 200);

function organizationOf(raw: Json) {
  const o = isObject(raw.organization) ? raw.organization : undefined;
  const id = sourceId(o?.id) ?? sourceId(raw.organization_id);
  const name = text(o?.name, 500);
  if (!o || !id || !name) return undefined;
  return {
    sourceId: id,
    cells: {
      name,
      description: text(o.description, 10_000),
      email: email(o.email),
      website: link(o.website ?? o.url),
      uri: link(o.uri),
      logo: link(o.logo),
    },
    parentSourceId: sourceId(o.parent_organization_id),
  };
}

/** A point on the map, or none: half of one (a latitude of 100 and any longitude) is no place. */
function point(latitude: unknown, longitude: unknown) {
  const [lat, long] = [num(latitude, -90, 90), num(longitude, -180, 180)];
  const both = lat !== undefined && long !== undefined;
  return { latitude: both ? lat : undefined, longitude: both ? long : undefined };
}

function locationOf(sal: Json): MappedLocation | undefined {
  const l = isObject(sal.location) ? sal.location : undefined;
  const id = sourceId(l?.id) ?? sourceId(sal.location_id);
  if (!l || !id) return undefined;
  return {
    sourceId: id,
    salDescription: text(sal.description, 2000),
    cells: {
      location_type: oneOf(l.location_type, PLACE_TYPES) ?? 'physical',
      name: text(l.name, 500),
      description: text(l.description, 5000),
      ...point(l.latitude, l.longitude),
      external_identifier: text(l.external_identifier, 200),
      external_identifier_type: text(l.external_identifier_type, 200),
    },
    addresses: list(l.addresses, 10).flatMap((a) => {
      const [address_1, city, postal_code] = [
        text(a.address_1, 500),
        text(a.city, 200),
        text(a.postal_code, 20),
      ];
      if (!address_1 || !city || !postal_code) return [];
      return [
        {
          attention: text(a.attention, 200),
          address_1,
          address_2: text(a.address_2, 500),
          city,
          region: text(a.region, 200),
          state_province: text(a.state_province, 200) ?? '',
          postal_code,
          country: text(a.country, 2)?.toUpperCase() ?? 'GB',
          address_type: oneOf(a.address_type, PLACE_TYPES) ?? 'physical',
        },
      ];
    }),
    accessibility: list(l.accessibility, 20).map((a) => ({
      description: text(a.description, 5000),
      details: text(a.details, 5000),
      url: link(a.url),
    })),
  };
}

function termOf(raw: Json): MappedTerm | undefined {
  const id = sourceId(raw.id);
  const name = text(raw.name, 500) ?? text(raw.term, 500);
  if (!id || !name) return undefined;
  const detail = isObject(raw.taxonomy_detail) ? raw.taxonomy_detail : undefined;
  const taxonomyName = text(detail?.name, 500) ?? text(raw.taxonomy, 500) ?? 'Imported terms';
  const taxonomyId = sourceId(detail?.id) ?? sourceId(raw.taxonomy_id) ?? `name:${taxonomyName}`;
  return {
    sourceId: id,
    name,
    description: text(raw.description, 5000) ?? name,
    code: text(raw.code, 200),
    term_uri: link(raw.term_uri),
    parentSourceId: sourceId(raw.parent_id),
    taxonomy: {
      sourceId: taxonomyId,
      name: taxonomyName,
      description: text(detail?.description, 5000) ?? taxonomyName,
      uri: link(detail?.uri),
      version: text(detail?.version, 50),
    },
  };
}

function phonesOf(v: unknown): Cells[] {
  return list(v, 20).flatMap((p) => {
    const number = text(p.number, 50);
    if (!number) return [];
    return [
      {
        number,
        extension: text(p.extension, 20),
        type: text(p.type, 50),
        description: text(p.description, 500),
      },
    ];
  });
}

/** A fully nested service of a feed (`/services/{id}`) as rows, or why it cannot be taken. */
export function mapService(raw: unknown): { service: MappedService } | { problem: string } {
  if (!isObject(raw)) return { problem: 'is not an HSDS service (not a JSON object)' };
  const id = sourceId(raw.id);
  if (!id) return { problem: 'has no id' };
  const name = text(raw.name, 500);
  if (!name) return { problem: 'has no name' };
  const organization = organizationOf(raw);
  if (!organization) return { problem: 'has no organisation with an id and a name' };
  const seenTerms = new Set<string>();
  const terms = list(raw.attributes, 100).flatMap((a) => {
    const term = isObject(a.taxonomy_term) ? termOf(a.taxonomy_term) : undefined;
    if (!term || seenTerms.has(term.sourceId)) return [];
    seenTerms.add(term.sourceId);
    return [{ term, value: text(a.value, 500) }];
  });
  const contacts: MappedService['contacts'] = list(raw.contacts, 20).map((c) => ({
    cells: {
      name: text(c.name, 200),
      title: text(c.title, 200),
      department: text(c.department, 200),
      email: email(c.email),
    },
    phones: phonesOf(c.phones),
  }));
  // A service's own phones (not a contact's) are kept as a contact without a name, which is how Hearth shows them.
  const ownPhones = phonesOf(raw.phones);
  if (ownPhones.length) contacts.push({ cells: {}, phones: ownPhones });
  const minimum = int(raw.minimum_age, 0, 150);
  const maximum = int(raw.maximum_age, 0, 150);
  const ages = minimum !== undefined && maximum !== undefined && minimum > maximum;
  return {
    service: {
      sourceId: id,
      service: {
        name,
        description: text(raw.description, 10_000),
        url: link(raw.url),
        email: email(raw.email),
        status: listingStatus(raw.status),
        fees: text(raw.fees ?? raw.fees_description, 2000),
        accreditations: text(raw.accreditations, 2000),
        minimum_age: ages ? undefined : minimum,
        maximum_age: ages ? undefined : maximum,
        assured_date: date(raw.assured_date),
        assurer_email: email(raw.assurer_email),
        alert: text(raw.alert, 2000),
      },
      organization,
      locations: list(raw.service_at_locations, 50).flatMap((sal) => locationOf(sal) ?? []),
      schedules: list(raw.schedules, 50).map((x) => ({
        valid_from: date(x.valid_from),
        valid_to: date(x.valid_to),
        dtstart: date(x.dtstart),
        timezone: text(x.timezone, 64),
        freq: oneOf(x.freq, ['weekly', 'monthly'] as const)?.toUpperCase(),
        interval: int(x.interval, 1, 1000),
        byday: text(x.byday, 100),
        bymonthday: text(x.bymonthday, 100),
        opens_at: time(x.opens_at),
        closes_at: time(x.closes_at),
        description: text(x.description, 5000),
        schedule_link: link(x.schedule_link),
        attending_type: text(x.attending_type, 500),
        notes: text(x.notes, 5000),
      })),
      serviceAreas: list(raw.service_areas, 50).map((a) => ({
        name: text(a.name, 2000),
        description: text(a.description, 5000),
        extent: text(a.extent, 100_000),
        extent_type: text(a.extent_type, 50),
        uri: link(a.uri),
      })),
      costOptions: list(raw.cost_options, 50).map((c) => ({
        valid_from: date(c.valid_from),
        valid_to: date(c.valid_to),
        option: text(c.option, 2000),
        amount: num(c.amount, -1e9, 1e9),
        currency: text(c.currency, 3)?.toUpperCase(),
        amount_description: text(c.amount_description, 2000),
      })),
      languages: list(raw.languages, 50).flatMap((l) => {
        const [name, code] = [text(l.name, 200), text(l.code, 20)];
        return name || code ? [{ name, code, note: text(l.note, 2000) }] : [];
      }),
      contacts,
      terms,
    },
  };
}

/** What a record was mapped to, as a short digest: the same record maps the same, so a re-import sees no change. */
export const digestOf = (service: MappedService): string =>
  createHash('sha256').update(JSON.stringify(service)).digest('base64url');
