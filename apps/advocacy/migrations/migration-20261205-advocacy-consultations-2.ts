import { Migration } from '@mikro-orm/migrations';

/**
 * Consultations close by themselves at `closesAt` (ADR 0067). `closings` is plumbing like the outbox (ids and a
 * time, nothing a LERO wrote): one row per open consultation, so a sweep across LEROs and regions can find the due
 * ones without row-level security, then close each in its owner's own transaction. Consultations open before this
 * migration are queued here; `consultations` forces row-level security even on its owner, so forcing is lifted for
 * that read and put back. Free-text answers are published only as a consultation's staff reviewed and edited them:
 * `published_texts`, question key → the texts, on the consultation (its owner's, under its row-level security).
 */
export class MigrationAdvocacyConsultations2 extends Migration {
  override name = '20261205-advocacy-consultations-2';

  up(): void {
    const sql = [
      `create table advocacy.closings (
        consultation_id uuid primary key references advocacy.consultations (id),
        tenant_id uuid, region_id uuid, check (num_nonnulls(tenant_id, region_id) = 1),
        closes_at timestamptz not null)`,
      `create index closings_due_idx on advocacy.closings (closes_at)`,
      `alter table advocacy.consultations add column published_texts jsonb not null default '{}'`,
      `alter table advocacy.consultations no force row level security`,
      `insert into advocacy.closings (consultation_id, tenant_id, region_id, closes_at)
        select id, tenant_id, region_id, closes_at from advocacy.consultations where status = 'open'`,
      `alter table advocacy.consultations force row level security`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
