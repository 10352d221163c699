import { Injectable } from '@nestjs/common';
import type { SuggestedListing, SuggestionKind, SuggestionOrigin, SuggestionStatus } from '@hearth/contracts';
import type { RegionId, Statement, TenantId } from '@hearth/persistence';

const COLUMNS = `id, region_id, tenant_id, import_id, source, source_id, kind, listing_id, body, status, reason,
  created_at::text as created_at, decided_at::text as decided_at`;

/** Which of the region's suggestions a list is of: one LERO's (its own list), or the curators' narrowing. */
export interface SuggestionFilter {
  status?: SuggestionStatus;
  tenantId?: TenantId;
  origin?: SuggestionOrigin;
  importId?: string;
}

export interface NewSuggestion {
  id: string;
  tenantId: TenantId;
  kind: SuggestionKind;
  listingId: string | null;
  body: SuggestedListing;
  accountId: string;
}

/** The SQL of suggestions: a region's rows (RLS), each filed with the LERO that made it. */
@Injectable()
export class SuggestionsRepository {
  insert(regionId: RegionId, s: NewSuggestion): Statement {
    return {
      sql: `insert into directory.suggestions (id, region_id, tenant_id, kind, listing_id, body, suggested_by)
            values ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
      params: [s.id, regionId, s.tenantId, s.kind, s.listingId, JSON.stringify(s.body), s.accountId],
    };
  }

  /** One suggestion; of one LERO's only when `tenantId` is given; locked for a decision when `lock`. */
  one(id: string, opts: { tenantId?: TenantId; lock?: boolean } = {}): Statement {
    return {
      sql: `select ${COLUMNS} from directory.suggestions where id = $1 and ($2::uuid is null or tenant_id = $2)
            ${opts.lock ? 'for update' : ''}`,
      params: [id, opts.tenantId ?? null],
    };
  }

  /** The region's queue, oldest first, or a LERO's own (`tenantId`), newest first; after `cursor` (an id). */
  page(limit: number, cursor: string | undefined, f: SuggestionFilter): Statement {
    const own = f.tenantId !== undefined;
    return {
      sql: `select ${COLUMNS} from directory.suggestions
            where ($1::uuid is null or tenant_id = $1) and ($2::text is null or status = $2)
              and ($3::uuid is null or id ${own ? '<' : '>'} $3::uuid)
              and ($5::text is null or (import_id is null) = ($5 = 'lero'))
              and ($6::uuid is null or import_id = $6)
            order by id ${own ? 'desc' : 'asc'} limit $4`,
      params: [
        f.tenantId ?? null,
        f.status ?? null,
        cursor ?? null,
        limit,
        f.origin ?? null,
        f.importId?.toLowerCase() ?? null,
      ],
    };
  }

  /** An import's suggestion's record as the feed had it (to approve it), with its feed and digest. */
  importRecord(id: string): Statement {
    return {
      sql: `select import_id, source, source_id, source_digest, record from directory.suggestions where id = $1`,
      params: [id],
    };
  }

  decide(
    id: string,
    decision: { status: 'approved'; listingId: string } | { status: 'rejected'; reason: string },
    accountId: string,
  ): Statement {
    return {
      sql: `update directory.suggestions set status = $2, listing_id = coalesce($3, listing_id), reason = $4,
              decided_by = $5, decided_at = now() where id = $1`,
      params: [
        id,
        decision.status,
        decision.status === 'approved' ? decision.listingId : null,
        decision.status === 'rejected' ? decision.reason : null,
        accountId,
      ],
    };
  }

  /** A listing's status, or nothing when the region has no such listing. */
  listingStatus(id: string): Statement {
    return { sql: `select status from directory.services where id = $1`, params: [id] };
  }
}
