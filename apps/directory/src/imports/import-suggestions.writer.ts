import { Injectable } from '@nestjs/common';
import { DirectoryEvents, type SuggestedListing } from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import type { Statement, TenantTransaction } from '@hearth/persistence';
import { uuidv7 } from 'uuidv7';
import { DirectoryDatabase } from '../directory-database';
import type { MappedService } from './hsds-record.mapper';
import { GONE, previewOf, suggestionStep, sweepStep, type RecordState } from './import-suggestion.rules';
import type { ImportScope, Outcome } from './import-writer';
import { textArray } from './sql.util';

type Stored = Record<string, unknown>;

/** Which import writes: its suggestions name it, and their events are filed under no LERO. */
export interface SuggestionScope extends ImportScope {
  id: string;
}

/** Why an import withdrew a pending suggestion of its feed (the reason a curator sees). */
export const WITHDRAWN = {
  gone: 'The feed no longer has this service.',
  listed: 'The listing already has the feed’s record as it is now.',
};
const INACTIVE: SuggestedListing = { status: 'inactive' };

/** What the region has of records of a feed: pending suggestions, listings, the newest decided suggestions. */
const STATE_SQL = [
  `select id, source_id, source_digest from directory.suggestions
   where source = $1 and status = 'pending' and ($2::text[] is null or source_id = any($2::text[])) for update`,
  `select id, source_id, status, source_digest from directory.services
   where source = $1 and ($2::text[] is null or source_id = any($2::text[]))`,
  `select distinct on (source_id) source_id, status, source_digest from directory.suggestions
   where source = $1 and status <> 'pending' and ($2::text[] is null or source_id = any($2::text[]))
   order by source_id, id desc`,
];

/**
 * The record as kept for approving it: what the mapper left undefined is kept as null, so that writing it later
 * clears that column of a listing as a listings import would (JSON alone would leave the key out).
 */
const recordJson = (m: MappedService) => JSON.stringify(m, (_key, value: unknown) => value ?? null);

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/**
 * Writes a feed's records into the curators' queue (mode `suggestions`, ADR 0041) instead of the listings: each
 * record is found again by its feed and id, so a re-import updates a pending suggestion in place rather than
 * adding one, and suggests nothing for a listing that already has the record (`import-suggestion.rules.ts`).
 */
@Injectable()
export class ImportSuggestionsWriter {
  constructor(private readonly db: DirectoryDatabase) {}

  write(scope: SuggestionScope, m: MappedService, digest: string): Promise<Outcome> {
    return this.db.transactInRegion(scope.regionId, async (tx) => {
      const states = await this.states(tx, scope.source, [m.sourceId]);
      const step = suggestionStep(digest, m.service.status, states.get(m.sourceId) ?? {});
      if (step.action === 'keep') return 'unchanged';
      if (step.action === 'withdraw') {
        await tx.run(this.withdraw(tx, scope, step.suggestionId, WITHDRAWN.listed));
        return 'updated';
      }
      const body = previewOf(m);
      if (step.action === 'update') {
        await tx.run({
          sql: `update directory.suggestions set record = $2::jsonb, body = $3::jsonb, source_digest = $4,
                  import_id = $5, updated_at = now(), listing_id = coalesce($6, listing_id),
                  kind = case when $6::uuid is null then kind else 'change' end
                where id = $1`,
          params: [step.suggestionId, recordJson(m), JSON.stringify(body), digest, scope.id, step.listingId],
        });
        return 'updated';
      }
      await tx.run(this.suggest(tx, scope, m.sourceId, step.kind, step.listingId, body, m, digest));
      return 'created';
    });
  }

  /**
   * After a whole walk: the feed's records it no longer has. A pending suggestion of one is withdrawn, or (when
   * the record has an active listing) becomes the suggestion to make that listing inactive, as does an active
   * listing without one. Answers how many suggestions it withdrew, changed or made.
   */
  sweep(scope: SuggestionScope, seen: Set<string>): Promise<number> {
    return this.db.transactInRegion(scope.regionId, async (tx) => {
      const states = await this.states(tx, scope.source);
      const statements: Statement[] = [];
      let changed = 0;
      for (const [sourceId, state] of states) {
        if (seen.has(sourceId)) continue;
        const step = sweepStep(state);
        if (step.action === 'keep') continue;
        changed++;
        if (step.action === 'make-inactive')
          statements.push({
            sql: `update directory.suggestions set record = null, body = $2::jsonb, source_digest = $3,
                    import_id = $4, updated_at = now(), listing_id = $5, kind = 'change' where id = $1`,
            params: [step.suggestionId, JSON.stringify(INACTIVE), GONE, scope.id, step.listingId],
          });
        else if (step.action === 'withdraw')
          statements.push(...this.withdraw(tx, scope, step.suggestionId, WITHDRAWN.gone));
        else
          statements.push(
            ...this.suggest(tx, scope, sourceId, 'change', step.listingId, INACTIVE, null, GONE),
          );
      }
      if (statements.length) await tx.run(statements);
      return changed;
    });
  }

  /** Of each record of the feed (of `ids`, or all): its pending suggestion, its listing, its last refusal. */
  private async states(tx: TenantTransaction, source: string, ids?: string[]) {
    const list = ids ? textArray(ids) : null;
    const [pending, listings, decided] = await tx.run<Stored[][]>(
      STATE_SQL.map((sql) => ({ sql, params: [source, list] })),
    );
    const states = new Map<string, RecordState>();
    const of = (r: Stored) => {
      const key = String(r.source_id);
      if (!states.has(key)) states.set(key, {});
      return states.get(key)!;
    };
    for (const r of pending) of(r).pending = { id: String(r.id), digest: str(r.source_digest) };
    for (const r of listings)
      of(r).listing = { id: String(r.id), status: String(r.status), digest: str(r.source_digest) };
    for (const r of decided) if (r.status === 'rejected') of(r).rejectedDigest = str(r.source_digest);
    return states;
  }

  /** A pending suggestion closed by the import, and its `rejected` event. */
  private withdraw(tx: TenantTransaction, scope: SuggestionScope, id: string, reason: string): Statement[] {
    return [
      {
        // Its digest is forgotten: the record, should it come back as it was, is suggested again.
        sql: `update directory.suggestions set status = 'rejected', reason = $2, source_digest = null,
                decided_by = $3, decided_at = now() where id = $1`,
        params: [id, reason, scope.accountId],
      },
      eventStatement(
        tx,
        'directory',
        DirectoryEvents.suggestionRejected,
        { regionId: scope.regionId, suggestionId: id, importId: scope.id },
        null,
      ),
    ];
  }

  /** A new suggestion of the import and its `submitted` event. */
  private suggest(
    tx: TenantTransaction,
    scope: SuggestionScope,
    sourceId: string,
    kind: 'new' | 'change',
    listingId: string | null,
    body: SuggestedListing,
    record: MappedService | null,
    digest: string,
  ): Statement[] {
    const id = uuidv7();
    return [
      {
        sql: `insert into directory.suggestions (id, region_id, import_id, source, source_id, kind, listing_id,
                body, record, source_digest, suggested_by)
              values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11)`,
        params: [
          id,
          scope.regionId,
          scope.id,
          scope.source,
          sourceId,
          kind,
          listingId,
          JSON.stringify(body),
          record === null ? null : recordJson(record),
          digest,
          scope.accountId,
        ],
      },
      eventStatement(
        tx,
        'directory',
        DirectoryEvents.suggestionSubmitted,
        {
          regionId: scope.regionId as string,
          suggestionId: id,
          importId: scope.id,
          ...(listingId ? { listingId } : {}),
        },
        null,
      ),
    ];
  }
}
