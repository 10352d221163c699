import { Migration } from '@mikro-orm/migrations';
import { retentionRlsSql, tenantRlsSql } from '@hearth/persistence';

/**
 * Idempotency keys of walk-in changes (ADR 0020): a one-way hash of the LERO, the caller's account and the
 * `Idempotency-Key` header, a fingerprint of the request and the answer given, written in the transaction of the
 * change itself. Kept for the key's lifetime (24 h), then pruned by the retention job.
 */
export class MigrationEventsIdempotencyKeys extends Migration {
  override name = '20261205-events-idempotency-keys';

  up(): void {
    const sql = [
      `create table events.idempotency_keys (
        tenant_id uuid not null,
        key_hash text not null,
        fingerprint text not null,
        -- Null only inside the transaction that claimed the key: its last statement writes the answer.
        response jsonb,
        created_at timestamptz not null default now(),
        primary key (tenant_id, key_hash))`,
      `create index idempotency_keys_created_at on events.idempotency_keys (created_at)`,
      ...tenantRlsSql('events.idempotency_keys'),
      ...retentionRlsSql('events.idempotency_keys', ['select', 'delete']),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
