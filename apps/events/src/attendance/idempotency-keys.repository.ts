import { deleteOlderThan } from '@hearth/messaging';
import type { ServiceDatabase, Statement } from '@hearth/persistence';
import type { IdempotentRequest } from './idempotency-keys';

/** What `claimStatements` answers: nothing, whether it claimed the key, and the key's first request. */
export type ClaimRows<T> = [
  unknown[],
  { claimed: number }[],
  { fingerprint: string; response: T }[],
  unknown[],
];

/**
 * Claims a key in one round trip, waiting at most `inFlightWait` (a PostgreSQL interval) for a transaction that
 * holds it. A key older than `ttlMs` but not yet pruned is forgotten: taken again as new.
 */
export const claimStatements = (req: IdempotentRequest, ttlMs: number, inFlightWait: string): Statement[] => [
  { sql: `set local lock_timeout = '${inFlightWait}'` },
  {
    sql: `insert into events.idempotency_keys as k (tenant_id, key_hash, fingerprint, created_at)
              values ($1, $2, $3, now())
            on conflict (tenant_id, key_hash) do update
              set fingerprint = excluded.fingerprint, response = null, created_at = excluded.created_at
              where k.created_at <= now() - $4 * interval '1 millisecond'
            returning 1 as claimed`,
    params: [req.tenantId, req.keyHash, req.fingerprint, ttlMs],
  },
  {
    sql: 'select fingerprint, response from events.idempotency_keys where tenant_id = $1 and key_hash = $2',
    params: [req.tenantId, req.keyHash],
  },
  { sql: 'reset lock_timeout' },
];

/** The answer to a claimed key, stored in the transaction of the change. */
export const rememberStatement = (req: IdempotentRequest, response: unknown): Statement => ({
  sql: `update events.idempotency_keys set response = $3::jsonb where tenant_id = $1 and key_hash = $2`,
  params: [req.tenantId, req.keyHash, JSON.stringify(response)],
});

/** Retention: removes the keys created before `cutoff`, of every LERO. */
export const pruneIdempotencyKeys = (db: ServiceDatabase, cutoff: Date) =>
  deleteOlderThan(db, 'events.idempotency_keys', 'created_at < $1', cutoff, { acrossTenants: true });
