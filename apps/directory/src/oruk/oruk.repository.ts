import { Injectable } from '@nestjs/common';
import type { OrukQuery } from '@hearth/contracts';
import type { RegionId, SqlLiteral, Statement } from '@hearth/persistence';
import { EVERY_REGION } from '../../migrations/migration-20261230-directory-feed-versions';
import { DirectoryDatabase } from '../directory-database';
import { idArray, PLACE_COLUMNS, SUMMARY_COLUMNS } from '../hsds/service-graph.repository';
import { feedFilters } from './oruk-filters';
import { NOWHERE, serviceAtLocationsNear, servicesNear, type Near } from './places.filter';

type Row = Record<string, unknown>;

/** What the public may see: active services of active (curated) organisations. */
const LISTED = `s.status = 'active' and exists
  (select 1 from directory.organizations o where o.id = s.organization_id and o.status = 'active')`;

/** A list's query, with the terms of the region mapped to its `taxonomy_term_id` (`termsMappedTo`). */
export type FeedQuery = OrukQuery & { mappedTermIds?: string[] };

/** The filters of a list of services (or of the places they are offered at), as SQL on `s`. */
function serviceFilters(query: FeedQuery, params: SqlLiteral[]): string {
  const where = [LISTED];
  if (query.search) {
    params.push(query.search);
    where.push(`s.search_vector @@ websearch_to_tsquery('english', $${params.length})`);
  }
  if (query.taxonomy_term_id) {
    const terms = [query.taxonomy_term_id.toLowerCase(), ...(query.mappedTermIds ?? [])];
    // The term, or (ADR 0043) a term of the region's that is mapped to it: values, never a subquery, so that the
    // planner knows from the statistics how many services have them.
    params.push(terms.length === 1 ? terms[0] : idArray(terms));
    const term = terms.length === 1 ? `= $${params.length}` : `= any($${params.length}::uuid[])`;
    where.push(`s.id in (select link_id from directory.attributes
      where link_type = 'service' and taxonomy_term_id ${term})`);
  }
  if (query.taxonomy_id) {
    params.push(query.taxonomy_id.toLowerCase());
    // A term of the taxonomy, or (ADR 0043) a term of the region's mapped to one of them.
    where.push(`s.id in (select link_id from directory.attributes
      where link_type = 'service' and taxonomy_term_id in (
        select id from directory.taxonomy_terms where taxonomy_id = $${params.length}
        union select m.taxonomy_term_id from directory.taxonomy_term_mappings m
          join directory.taxonomy_terms t on t.id = m.mapped_term_id where t.taxonomy_id = $${params.length}))`);
  }
  where.push(...feedFilters(query, params));
  return where.join(' and ');
}

export interface Slice {
  total: number;
  rows: Row[];
}

/** A key of a list's order: an expression over the list's tables, and whether its nulls go last. */
interface OrderKey {
  sql: string;
  nullsLast?: boolean;
}

/** A list as SQL: which rows (`from`, `where`), in what order, and what a page's row holds. */
interface ListSql {
  from: string;
  where: string;
  order: OrderKey[];
  /** The columns of `from` that name a row (`s.id`): the page's rows are `p`, joined back to its tables. */
  key: string;
  join: string;
  select: string;
}

const orderBy = (order: OrderKey[], name: (key: OrderKey, i: number) => string) =>
  order.map((key, i) => `${name(key, i)}${key.nullsLast ? ' nulls last' : ''}`).join(', ');

/** What a list of services shows of each (hsds.view's `serviceSummaryOf`), over a page `p` of service ids. */
const SERVICE_PAGE = {
  key: 's.id',
  join: `join directory.services s on s.id = p.id join directory.organizations o on o.id = s.organization_id`,
  select: SUMMARY_COLUMNS,
};

/**
 * The feed's SQL, under the region's RLS. Each list is one statement (ADR 0046): its rows are found once, counted
 * and sorted for the page, and only the page's rows are joined back to what they show.
 */
@Injectable()
export class OrukRepository {
  constructor(private readonly db: DirectoryDatabase) {}

  private async slice(
    regionId: RegionId,
    list: ListSql,
    params: SqlLiteral[],
    limit: number,
    offset: number,
  ): Promise<Slice> {
    const keys = list.order.map((key, i) => `${key.sql} as k${i}__`).join(', ');
    // Materialised: the rows are found for the count, so they are found once and in full (a plan made for the
    // page's `limit` would walk the whole region in order), then sorted for the page.
    const sql = `with matched as materialized (select ${list.key}, ${keys} from ${list.from} where ${list.where}),
        page as (select * from matched order by ${orderBy(list.order, (_, i) => `k${i}__`)}
          limit ${limit} offset ${offset})
      select (select count(*) from matched) as total__, ${list.select} from page p ${list.join}
      order by ${orderBy(list.order, (_, i) => `p.k${i}__`)}`;
    const [rows] = await this.db.transactInRegion(regionId, (tx) =>
      tx.run<[Row[]]>({ sql, params }, { commit: true }),
    );
    if (rows.length > 0 || offset === 0) {
      const total = rows.length > 0 ? Number(rows[0].total__) : 0;
      for (const row of rows) delete row.total__;
      return { total, rows };
    }
    // A page past the last one has no row to carry the count: it is counted on its own.
    const [count] = await this.db.readInRegion<{ n: number }>(
      regionId,
      `select count(*)::int as n from ${list.from} where ${list.where}`,
      params,
    );
    return { total: count.n, rows: [] };
  }

  /**
   * A page of services, each row a service and its organisation (`summaryOf`). With `near`, measured from a
   * place (places.filter.ts): nearest first, inside its radius if it has one.
   */
  services(regionId: RegionId, query: FeedQuery, limit: number, offset: number, near?: Near): Promise<Slice> {
    const params: SqlLiteral[] = [];
    const where = serviceFilters(query, params);
    const place = near ? servicesNear(near, params) : NOWHERE;
    return this.slice(
      regionId,
      {
        from: `directory.services s${place.join}`,
        where,
        order: [
          ...(near ? [{ sql: 'near.distance', nullsLast: true }] : []),
          { sql: 's.name' },
          { sql: 's.id' },
        ],
        ...SERVICE_PAGE,
      },
      params,
      limit,
      offset,
    );
  }

  /** A page of services at locations: each row the place's ids (`sal_id`), its location (`placeOf`) and service. */
  serviceAtLocations(
    regionId: RegionId,
    query: FeedQuery,
    limit: number,
    offset: number,
    near?: Near,
  ): Promise<Slice> {
    const params: SqlLiteral[] = [];
    const where = serviceFilters(query, params);
    const place = near ? serviceAtLocationsNear(near, params) : NOWHERE;
    return this.slice(
      regionId,
      {
        from: `directory.service_at_locations sal join directory.services s on s.id = sal.service_id${place.join}`,
        where,
        order: [
          ...(near ? [{ sql: 'near.distance', nullsLast: true }] : []),
          { sql: 's.name' },
          { sql: 'sal.id' },
        ],
        key: 'sal.id',
        join: `join directory.service_at_locations sal on sal.id = p.id
          join directory.services s on s.id = sal.service_id join directory.organizations o on o.id = s.organization_id
          left join directory.locations l on l.id = sal.location_id`,
        select: `sal.id as sal_id, ${SUMMARY_COLUMNS}, ${PLACE_COLUMNS}`,
      },
      params,
      limit,
      offset,
    );
  }

  organizations(regionId: RegionId, query: FeedQuery, limit: number, offset: number): Promise<Slice> {
    const params: SqlLiteral[] = [];
    const where = [
      `o.status = 'active'`,
      `exists (select 1 from directory.services s where s.organization_id = o.id and ${serviceFilters({ ...query, search: undefined }, params)})`,
    ];
    if (query.search) {
      params.push(query.search);
      where.push(`o.search_vector @@ websearch_to_tsquery('english', $${params.length})`);
    }
    return this.slice(
      regionId,
      {
        from: 'directory.organizations o',
        where: where.join(' and '),
        order: [{ sql: 'o.name' }, { sql: 'o.id' }],
        key: 'o.id',
        join: 'join directory.organizations o on o.id = p.id',
        select: 'o.id, o.name, o.description, o.email, o.website, o.uri, o.logo, o.parent_organization_id',
      },
      params,
      limit,
      offset,
    );
  }

  taxonomies(regionId: RegionId, query: OrukQuery, limit: number, offset: number): Promise<Slice> {
    const params: SqlLiteral[] = [];
    const where = ['true'];
    if (query.search) {
      params.push(`%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`x.name ilike $${params.length}`);
    }
    return this.slice(
      regionId,
      {
        from: 'directory.taxonomies x',
        where: where.join(' and '),
        order: [{ sql: 'x.name' }, { sql: 'x.id' }],
        key: 'x.id',
        join: 'join directory.taxonomies x on x.id = p.id',
        select: 'x.*',
      },
      params,
      limit,
      offset,
    );
  }

  taxonomyTerms(regionId: RegionId, query: OrukQuery, limit: number, offset: number): Promise<Slice> {
    const params: SqlLiteral[] = [];
    const where = ['true'];
    if (query.search) {
      params.push(`%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`t.name ilike $${params.length}`);
    }
    if (query.taxonomy_id) {
      params.push(query.taxonomy_id.toLowerCase());
      where.push(`t.taxonomy_id = $${params.length}`);
    }
    return this.slice(
      regionId,
      {
        from: 'directory.taxonomy_terms t join directory.taxonomies x on x.id = t.taxonomy_id',
        where: where.join(' and '),
        order: [{ sql: 't.name' }, { sql: 't.id' }],
        key: 't.id',
        join: 'join directory.taxonomy_terms t on t.id = p.id join directory.taxonomies x on x.id = t.taxonomy_id',
        select: 't.*, x.name as taxonomy_name',
      },
      params,
      limit,
      offset,
    );
  }

  /**
   * What the region's feed answers now are made from (ADR 0047): the server's day (schedules end on a date) and
   * the versions of the region's rows and of every region's. One read of at most two rows by primary key.
   */
  async versionOf(regionId: RegionId): Promise<string> {
    const [row] = await this.db.readInRegion<{ version: string }>(
      regionId,
      `select current_date::text || coalesce(string_agg(' ' || v.region_id || '=' || v.version, '' order by v.region_id), '')
         as version from directory.feed_versions v where v.region_id in ($1, '${EVERY_REGION}')`,
      [regionId],
    );
    return row.version;
  }

  /** The terms the region has mapped to a term (ADR 0043): a `taxonomy_term_id` of it finds theirs too. */
  async termsMappedTo(regionId: RegionId, termId: string): Promise<string[]> {
    const rows = await this.db.readInRegion<{ id: string }>(
      regionId,
      `select taxonomy_term_id as id from directory.taxonomy_term_mappings where mapped_term_id = $1 order by 1`,
      [termId.toLowerCase()],
    );
    return rows.map((r) => r.id);
  }

  /** One row by id among what the public may see, or none. */
  async one(
    regionId: RegionId,
    what: 'service' | 'sal' | 'organization' | 'taxonomy' | 'term',
    id: string,
  ): Promise<Row | undefined> {
    const sql: Record<typeof what, string> = {
      service: `select s.id from directory.services s where s.id = $1 and ${LISTED}`,
      sal: `select sal.id, sal.service_id from directory.service_at_locations sal join directory.services s on s.id = sal.service_id where sal.id = $1 and ${LISTED}`,
      organization: `select o.* from directory.organizations o where o.id = $1 and o.status = 'active'`,
      taxonomy: `select x.* from directory.taxonomies x where x.id = $1`,
      term: `select t.*, x.name as taxonomy_name from directory.taxonomy_terms t join directory.taxonomies x on x.id = t.taxonomy_id where t.id = $1`,
    };
    const [row] = await this.db.readInRegion<Row>(regionId, sql[what], [id]);
    return row;
  }

  /** The ids of an organisation's listed services, by name. */
  async servicesOf(regionId: RegionId, organizationId: string): Promise<string[]> {
    const rows = await this.db.readInRegion<{ id: string }>(
      regionId,
      `select s.id from directory.services s where s.organization_id = $1 and ${LISTED} order by s.name, s.id limit 500`,
      [organizationId],
    );
    return rows.map((r) => r.id);
  }
}

export type { Statement };
