import type { ServiceGraph } from './service-graph.repository';

type Row = Record<string, unknown>;
export type Hsds = Record<string, unknown>;

/** HSDS leaves out what is unknown: a field is absent, never null (the schemas type them as strings, numbers). */
export function compact(value: Hsds): Hsds {
  // A loop rather than entries → filter → fromEntries: every object of every answer passes here (ADR 0046).
  const kept: Hsds = {};
  for (const key in value) {
    const v = value[key];
    if (v !== null && v !== undefined) kept[key] = v;
  }
  return kept;
}

/** A listing's status as HSDS says it: `retired` is `defunct`. */
export const hsdsStatus = (status: unknown) => (status === 'retired' ? 'defunct' : String(status));

const iso = (t: unknown) => (t ? new Date(String(t)).toISOString() : undefined);

export const organizationOf = (o: Row): Hsds =>
  compact({
    id: o.id,
    name: o.name,
    description: o.description ?? '',
    email: o.email,
    website: o.website,
    uri: o.uri,
    logo: o.logo,
    parent_organization_id: o.parent_organization_id,
  });

export const taxonomyTermOf = (t: Row): Hsds =>
  compact({
    id: t.id,
    name: t.name,
    description: t.description,
    code: t.code,
    term: t.code ?? t.name,
    parent_id: t.parent_id,
    taxonomy: t.taxonomy_name,
    taxonomy_id: t.taxonomy_id,
    term_uri: t.term_uri,
  });

export const taxonomyOf = (x: Row): Hsds =>
  compact({ id: x.id, name: x.name, description: x.description, uri: x.uri, version: x.version });

type Place = ServiceGraph['locations'][number];

/** A location as the lists show it (no addresses), or in full (then with its addresses and accessibility). */
export function locationOf(l: Pick<Place, 'location'> & Partial<Place>, full: boolean): Hsds {
  const row = l.location;
  const base = compact({
    id: row.id,
    location_type: row.location_type,
    name: row.name,
    description: row.description,
    latitude: row.latitude,
    longitude: row.longitude,
    external_identifier: row.external_identifier,
    external_identifier_type: row.external_identifier_type,
  });
  if (!full) return base;
  return {
    ...base,
    addresses: (l.addresses ?? []).map((a) =>
      compact({
        id: a.id,
        location_id: a.location_id,
        attention: a.attention,
        address_1: a.address_1,
        address_2: a.address_2,
        city: a.city,
        region: a.region,
        state_province: a.state_province,
        postal_code: a.postal_code,
        country: a.country,
        address_type: a.address_type,
      }),
    ),
    accessibility: (l.accessibility ?? []).map((x) =>
      compact({
        id: x.id,
        location_id: x.location_id,
        description: x.description,
        details: x.details,
        url: x.url,
      }),
    ),
  };
}

/** The service's own fields: what every list shows, with its organisation. */
export function serviceSummaryOf(g: Pick<ServiceGraph, 'service' | 'organization'>): Hsds {
  const s = g.service;
  return compact({
    id: s.id,
    organization_id: s.organization_id,
    name: s.name,
    description: s.description,
    url: s.url,
    email: s.email,
    status: hsdsStatus(s.status),
    fees: s.fees,
    accreditations: s.accreditations,
    minimum_age: s.minimum_age,
    maximum_age: s.maximum_age,
    assured_date: s.assured_date,
    assurer_email: s.assurer_email,
    alert: s.alert,
    last_modified: iso(s.last_modified),
    organization: organizationOf(g.organization),
  });
}

/** A fully nested service (`/services/{id}`); `withLocations` false inside a service at a location. */
export function serviceOf(g: ServiceGraph, withLocations = true): Hsds {
  return {
    ...serviceSummaryOf(g),
    schedules: g.schedules.map((x) =>
      compact({
        id: x.id,
        service_id: x.service_id,
        valid_from: x.valid_from,
        valid_to: x.valid_to,
        dtstart: x.dtstart,
        timezone: x.timezone,
        freq: x.freq,
        interval: x.interval,
        byday: x.byday,
        bymonthday: x.bymonthday,
        opens_at: x.opens_at,
        closes_at: x.closes_at,
        description: x.description,
        schedule_link: x.schedule_link,
        attending_type: x.attending_type,
        notes: x.notes,
      }),
    ),
    service_areas: g.serviceAreas.map((a) =>
      compact({
        id: a.id,
        service_id: a.service_id,
        name: a.name,
        description: a.description,
        extent: a.extent,
        extent_type: a.extent_type,
        uri: a.uri,
      }),
    ),
    ...(withLocations
      ? {
          service_at_locations: g.locations.map((l) =>
            compact({
              id: l.sal.id,
              service_id: g.service.id,
              location_id: l.location.id,
              description: l.sal.description,
              location: locationOf(l, true),
            }),
          ),
        }
      : {}),
    languages: g.languages.map((x) =>
      compact({ id: x.id, service_id: x.service_id, name: x.name, code: x.code, note: x.note }),
    ),
    cost_options: g.costOptions.map((c) =>
      compact({
        id: c.id,
        service_id: c.service_id,
        valid_from: c.valid_from,
        valid_to: c.valid_to,
        option: c.option,
        amount: c.amount,
        currency: c.currency,
        amount_description: c.amount_description,
      }),
    ),
    contacts: g.contacts.map(({ contact, phones }) =>
      compact({
        id: contact.id,
        service_id: contact.service_id,
        name: contact.name,
        title: contact.title,
        department: contact.department,
        email: contact.email,
        phones: phones.map((p) =>
          compact({
            id: p.id,
            contact_id: p.contact_id,
            number: p.number,
            extension: p.extension,
            type: p.type,
            description: p.description,
          }),
        ),
      }),
    ),
    attributes: [...g.terms, ...g.mappedTerms].map((t) =>
      compact({
        id: t.attribute_id,
        link_id: g.service.id,
        link_type: 'service',
        taxonomy_term_id: t.id,
        taxonomy_term: taxonomyTermOf(t),
      }),
    ),
  };
}

/** The `source` of a listing that a LERO keeps from one of its activities (ADR 0042, 0049). */
export const LERO_SOURCE = 'lero';
