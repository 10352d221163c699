import { Injectable } from '@nestjs/common';
import type { SignpostChannel } from '@hearth/contracts';
import type { Statement, TenantId } from '@hearth/persistence';

/** How far up a region's own taxonomy a term's parents are followed to find a Hearth term (a loop stops there). */
const MAX_DEPTH = 20;

export interface SignpostRow {
  id: string;
  taxonomyTermId: string;
  serviceId: string | null;
  channel: SignpostChannel;
  date: string;
}

/** A signpost's SQL, run by the service in its LERO-and-region transaction: queries only. */
@Injectable()
export class SignpostsRepository {
  /**
   * The term as this region sees it (its own or Hearth's: RLS), and the nearest of Hearth's shared terms at or
   * above it, else the one Hearth term mapped to it (an esd term the region mapped one of Hearth's terms to: ADR
   * 0043; none when several are) (`hearth`, null when there is none). One row; `term` null when the region
   * cannot see the term.
   */
  termAndHearthAncestor(termId: string): Statement {
    return {
      sql: `with recursive up (id, parent_id, region_id, depth) as (
                select id, parent_id, region_id, 0 from directory.taxonomy_terms where id = $1
                union all
                select t.id, t.parent_id, t.region_id, up.depth + 1
                  from directory.taxonomy_terms t join up on t.id = up.parent_id
                  where up.region_id is not null and up.depth < ${MAX_DEPTH})
              select (select id from up where depth = 0) as term,
                coalesce((select id from up where region_id is null order by depth limit 1),
                  (select (array_agg(m.taxonomy_term_id))[1] from directory.taxonomy_term_mappings m
                     join directory.taxonomy_terms h on h.id = m.taxonomy_term_id and h.region_id is null
                    where m.mapped_term_id = $1 having count(*) = 1)) as hearth`,
      params: [termId],
    };
  }

  /** The service, when it is an active listing of an active organisation of this region (what the feed shows). */
  activeService(serviceId: string): Statement {
    return {
      sql: `select s.id from directory.services s join directory.organizations o on o.id = s.organization_id
              where s.id = $1 and s.status = 'active' and o.status = 'active'`,
      params: [serviceId],
    };
  }

  insert(tenantId: TenantId, s: SignpostRow): Statement {
    return {
      sql: `insert into directory.signposts (id, tenant_id, taxonomy_term_id, service_id, channel, signposted_on)
              values ($1, $2, $3, $4, $5, $6::date)`,
      params: [s.id, tenantId, s.taxonomyTermId, s.serviceId, s.channel, s.date],
    };
  }
}
