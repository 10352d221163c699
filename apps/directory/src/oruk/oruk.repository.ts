import { Injectable } from '@nestjs/common';
import type { OrukQuery } from '@hearth/contracts';
import type { RegionId, SqlLiteral, Statement } from '@hearth/persistence';
import { DirectoryDatabase } from '../directory-database';
import { idArray } from '../hsds/service-graph.repository';
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

/** The feed's SQL: each list as a count and one page of ids (one round trip), under the region's RLS. */
@Injectable()
export class OrukRepository {
  constructor(private readonly db: DirectoryDatabase) {}

  private async slice(
    regionId: RegionId,
    from: string,
    where: string,
    order: string,
    select: string,
    params: SqlLiteral[],
    limit: number,
    offset: number,
  ): Promise<Slice> {
    const [[count], rows] = await this.db.transactInRegion(regionId, (tx) =>
      tx.run<[{ n: number }[], Row[]]>(
        [
          { sql: `select count(*)::int as n from ${from} where ${where}`, params },
          {
            sql: `select ${select} from ${from} where ${where} order by ${order} limit ${limit} offset ${offset}`,
            params,
          },
        ],
        { commit: true },
      ),
    );
    return { total: count.n, rows };
  }

  /** With `near`, measured from a place (places.filter.ts): nearest first, inside its radius if it has one. */
  services(regionId: RegionId, query: FeedQuery, limit: number, offset: number, near?: Near): Promise<Slice> {
    const params: SqlLiteral[] = [];
    const where = serviceFilters(query, params);
    const place = near ? servicesNear(near, params) : NOWHERE;
    return this.slice(
      regionId,
      `directory.services s${place.join}`,
      where,
      `${place.order}s.name, s.id`,
      's.id',
      params,
      limit,
      offset,
    );
  }

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
      `directory.service_at_locations sal join directory.services s on s.id = sal.service_id${place.join}`,
      where,
      `${place.order}s.name, sal.id`,
      'sal.id, sal.service_id',
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
      'directory.organizations o',
      where.join(' and '),
      'o.name, o.id',
      'o.id, o.name, o.description, o.email, o.website, o.uri, o.logo, o.parent_organization_id',
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
      'directory.taxonomies x',
      where.join(' and '),
      'x.name, x.id',
      'x.*',
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
      'directory.taxonomy_terms t join directory.taxonomies x on x.id = t.taxonomy_id',
      where.join(' and '),
      't.name, t.id',
      't.*, x.name as taxonomy_name',
      params,
      limit,
      offset,
    );
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
