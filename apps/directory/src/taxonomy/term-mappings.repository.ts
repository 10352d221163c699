import { Injectable } from '@nestjs/common';
import { uuidv7 } from 'uuidv7';
import type { RegionId, Statement } from '@hearth/persistence';
import { idArray } from '../hsds/service-graph.repository';

const SUMMARY = `t.id, t.name, t.code, t.term_uri, t.taxonomy_id, x.name as taxonomy, t.region_id is null as shared
  from directory.taxonomy_terms t join directory.taxonomies x on x.id = t.taxonomy_id`;

/** A term's mappings' SQL, run by the service in the region's transaction: statements only. */
@Injectable()
export class TermMappingsRepository {
  /** One change of a term's mappings at a time (two at once would both insert). */
  lock(termId: string): Statement {
    return {
      sql: `select pg_advisory_xact_lock(hashtext('directory-term-mappings'), hashtext($1))`,
      params: [termId],
    };
  }

  /** The term, when the region sees it (one of Hearth's, or its own: row-level security). */
  term(termId: string): Statement {
    return { sql: `select ${SUMMARY} where t.id = $1`, params: [termId] };
  }

  /** Which of `ids` are terms of the region's own taxonomies. */
  ownTerms(ids: string[]): Statement {
    return {
      sql: `select id from directory.taxonomy_terms where id = any($1::uuid[]) and region_id is not null`,
      params: [idArray(ids)],
    };
  }

  /** The terms the term is mapped to, by name. */
  mappings(termId: string): Statement {
    return {
      sql: `select ${SUMMARY} join directory.taxonomy_term_mappings m on m.mapped_term_id = t.id
              where m.taxonomy_term_id = $1 order by x.name, t.name, t.id`,
      params: [termId],
    };
  }

  /** The term's mappings become exactly `ids`: those no longer wanted go, the new ones come. */
  replace(regionId: RegionId, termId: string, ids: string[]): Statement[] {
    return [
      {
        sql: `delete from directory.taxonomy_term_mappings where taxonomy_term_id = $1
                and not (mapped_term_id = any($2::uuid[]))`,
        params: [termId, idArray(ids)],
      },
      ...ids.map((id) => ({
        sql: `insert into directory.taxonomy_term_mappings (id, region_id, taxonomy_term_id, mapped_term_id)
                values ($1, $2, $3, $4) on conflict (region_id, taxonomy_term_id, mapped_term_id) do nothing`,
        params: [uuidv7(), regionId, termId, id],
      })),
    ];
  }
}
