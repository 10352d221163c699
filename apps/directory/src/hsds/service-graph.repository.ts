import { Injectable } from '@nestjs/common';
import type { RegionId, Statement, TenantTransaction } from '@hearth/persistence';
import { DirectoryDatabase } from '../directory-database';

type Row = Record<string, unknown>;

/** A service with everything HSDS nests in it, as rows of its tables. */
export interface ServiceGraph {
  service: Row;
  organization: Row;
  locations: { sal: Row; location: Row; addresses: Row[]; accessibility: Row[] }[];
  schedules: Row[];
  contacts: { contact: Row; phones: Row[] }[];
  languages: Row[];
  costOptions: Row[];
  serviceAreas: Row[];
  terms: Row[];
  /**
   * The terms the service's terms are mapped to in the region's own taxonomies (ADR 0043), as HSDS attributes
   * the feed shows beside its own (not the curators' listing): each once, none the service has itself.
   */
  mappedTerms: Row[];
}

/** A Postgres array literal of ids, bound as one text value (`$1::uuid[]`). */
export const idArray = (ids: string[]) => `{${ids.join(',')}}`;

const IN_SERVICES = `service_id = any($1::uuid[])`;
const DATE = (c: string) => `to_char(${c}, 'YYYY-MM-DD') as ${c}`;
const TIME = (c: string) => `to_char(${c}, 'HH24:MI') as ${c}`;

/** A service's own columns as a graph has them, from `directory.services s`. */
export const SERVICE_COLUMNS = `s.id, s.organization_id, s.name, s.description, s.url, s.email, s.status, s.fees,
  s.accreditations, s.minimum_age, s.maximum_age, s.alert, to_char(s.assured_date, 'YYYY-MM-DD') as assured_date,
  s.assurer_email, s.source, s.source_id, s.created_at::text as created_at, s.last_modified::text as last_modified`;
/** Their names, as the rows have them. */
const SERVICE_FIELDS = [
  'id',
  'organization_id',
  'name',
  'description',
  'url',
  'email',
  'status',
  'fees',
  'accreditations',
  'minimum_age',
  'maximum_age',
  'alert',
  'assured_date',
  'assurer_email',
  'source',
  'source_id',
  'created_at',
  'last_modified',
] as const;
/** An organisation's columns as a graph has them (`directory.organizations o`). */
export const ORGANIZATION_FIELDS = [
  'id',
  'name',
  'description',
  'email',
  'website',
  'uri',
  'logo',
  'parent_organization_id',
] as const;
/** A location's columns as a graph has them (`directory.locations l`), its addresses aside. */
export const LOCATION_FIELDS = [
  'id',
  'location_type',
  'name',
  'description',
  'latitude',
  'longitude',
  'external_identifier',
  'external_identifier_type',
] as const;

const prefixed = (table: string, fields: readonly string[], prefix: string) =>
  fields.map((f) => `${table}.${f} as ${prefix}${f}`).join(', ');
function unprefixed(row: Row, fields: readonly string[], prefix: string): Row {
  const part: Row = {};
  for (const f of fields) part[f] = row[`${prefix}${f}`];
  return part;
}

/**
 * What a list shows of a service (ADR 0046): its own columns and its organisation's, as one row of a page's
 * statement over `directory.services s` joined to `directory.organizations o`, read back by `summaryOf`.
 */
export const SUMMARY_COLUMNS = `${SERVICE_COLUMNS}, ${prefixed('o', ORGANIZATION_FIELDS, 'organization__')}`;

/** The service and its organisation from a row of `SUMMARY_COLUMNS`, as a graph has them. */
export function summaryOf(row: Row): Pick<ServiceGraph, 'service' | 'organization'> {
  return {
    service: unprefixed(row, SERVICE_FIELDS, ''),
    organization: unprefixed(row, ORGANIZATION_FIELDS, 'organization__'),
  };
}

/** A service at a location's place on a page: `directory.locations l`, read back by `placeOf`. */
export const PLACE_COLUMNS = prefixed('l', LOCATION_FIELDS, 'location__');

/** The location from a row of `PLACE_COLUMNS`. */
export const placeOf = (row: Row): Row => unprefixed(row, LOCATION_FIELDS, 'location__');

/** The statements that read the graphs of `ids` (one round trip); `graphsOf` assembles their rows. */
export function graphStatements(ids: string[]): Statement[] {
  const params = [idArray(ids)];
  return [
    `select ${SERVICE_COLUMNS} from directory.services s where s.id = any($1::uuid[])`,
    `select ${ORGANIZATION_FIELDS.map((f) => `o.${f}`).join(', ')}
     from directory.organizations o where o.id in (select organization_id from directory.services where id = any($1::uuid[]))`,
    `select sal.id as sal_id, sal.service_id, sal.description as sal_description,
       ${LOCATION_FIELDS.map((f) => `l.${f}`).join(', ')}
     from directory.service_at_locations sal join directory.locations l on l.id = sal.location_id
     where sal.${IN_SERVICES} order by sal.id`,
    `select a.* from directory.addresses a where a.location_id in
       (select location_id from directory.service_at_locations where ${IN_SERVICES}) order by a.id`,
    `select x.* from directory.accessibility x where x.location_id in
       (select location_id from directory.service_at_locations where ${IN_SERVICES}) order by x.id`,
    `select id, service_id, ${DATE('valid_from')}, ${DATE('valid_to')}, ${DATE('dtstart')}, timezone, freq,
       interval, byday, bymonthday, ${TIME('opens_at')}, ${TIME('closes_at')}, description, schedule_link,
       attending_type, notes
     from directory.schedules where ${IN_SERVICES} order by id`,
    `select * from directory.contacts where ${IN_SERVICES} order by id`,
    `select p.* from directory.phones p where p.contact_id in
       (select id from directory.contacts where ${IN_SERVICES}) order by p.id`,
    `select * from directory.languages where ${IN_SERVICES} order by code, id`,
    `select id, service_id, ${DATE('valid_from')}, ${DATE('valid_to')}, option, amount::float8 as amount, currency,
       amount_description from directory.cost_options where ${IN_SERVICES} order by id`,
    `select * from directory.service_areas where ${IN_SERVICES} order by id`,
    `select a.id as attribute_id, a.link_id, t.id, t.name, t.description, t.code, t.term_uri, t.parent_id,
       t.taxonomy_id, x.name as taxonomy_name
     from directory.attributes a join directory.taxonomy_terms t on t.id = a.taxonomy_term_id
       join directory.taxonomies x on x.id = t.taxonomy_id
     where a.link_type = 'service' and a.link_id = any($1::uuid[]) order by t.name, t.id`,
    `select * from (
       select distinct on (a.link_id, t.id) md5(a.link_id::text || ':' || t.id::text)::uuid as attribute_id,
         a.link_id, t.id, t.name, t.description, t.code, t.term_uri, t.parent_id, t.taxonomy_id,
         x.name as taxonomy_name
       from directory.attributes a
         join directory.taxonomy_term_mappings m on m.taxonomy_term_id = a.taxonomy_term_id
         join directory.taxonomy_terms t on t.id = m.mapped_term_id
         join directory.taxonomies x on x.id = t.taxonomy_id
       where a.link_type = 'service' and a.link_id = any($1::uuid[])
         and not exists (select 1 from directory.attributes own where own.link_type = 'service'
           and own.link_id = a.link_id and own.taxonomy_term_id = t.id)
       order by a.link_id, t.id) mapped
     order by name, id`,
  ].map((sql) => ({ sql, params }));
}

const by = (rows: Row[], key: string, id: unknown) => rows.filter((r) => r[key] === id);

/** The graphs of the services read by `graphStatements`, in the order of `ids` (missing ones left out). */
export function graphsOf(ids: string[], results: Row[][]): ServiceGraph[] {
  const [
    services,
    orgs,
    sals,
    addresses,
    access,
    schedules,
    contacts,
    phones,
    langs,
    costs,
    areas,
    terms,
    mapped,
  ] = results;
  return ids.flatMap((id) => {
    const service = services.find((s) => s.id === id);
    if (!service) return [];
    return [
      {
        service,
        organization: orgs.find((o) => o.id === service.organization_id) ?? {},
        locations: by(sals, 'service_id', id).map((row) => ({
          sal: { id: row.sal_id, description: row.sal_description },
          location: row,
          addresses: by(addresses, 'location_id', row.id),
          accessibility: by(access, 'location_id', row.id),
        })),
        schedules: by(schedules, 'service_id', id),
        contacts: by(contacts, 'service_id', id).map((contact) => ({
          contact,
          phones: by(phones, 'contact_id', contact.id),
        })),
        languages: by(langs, 'service_id', id),
        costOptions: by(costs, 'service_id', id),
        serviceAreas: by(areas, 'service_id', id),
        terms: by(terms, 'link_id', id),
        mappedTerms: by(mapped, 'link_id', id),
      },
    ];
  });
}

/** Reads whole services of one region, in one round trip. */
@Injectable()
export class ServiceGraphRepository {
  constructor(private readonly db: DirectoryDatabase) {}

  async graphs(regionId: RegionId, ids: string[]): Promise<ServiceGraph[]> {
    if (ids.length === 0) return [];
    const results = await this.db.transactInRegion(regionId, (tx) =>
      tx.run<Row[][]>(graphStatements(ids), { commit: true }),
    );
    return graphsOf(ids, results);
  }

  /** The same inside a transaction already open (after a change, before its commit). */
  async graphsIn(tx: TenantTransaction, ids: string[]): Promise<ServiceGraph[]> {
    return graphsOf(ids, await tx.run<Row[][]>(graphStatements(ids)));
  }
}
