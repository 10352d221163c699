import { Migration } from '@mikro-orm/migrations';
import { regionRlsSql, tenantRlsSql } from '@hearth/persistence';
import { messagingDeliverySql, messagingTablesSql } from '@hearth/messaging';

/** A row of a LERO (`tenant_id`) or of a region (`region_id`), never both: `consultations` and what hangs off it. */
const OWNER = `tenant_id uuid, region_id uuid, check (num_nonnulls(tenant_id, region_id) = 1)`;

/** Both policies, permissive and so OR-ed: a LERO's transaction sees its rows, a region's its own, neither others'. */
const ownedRlsSql = (table: string) => [...tenantRlsSql(table), ...regionRlsSql(table)];

/**
 * The advocacy schema: consultations (a LERO's or a region's) and their responses, anonymous by construction
 * (ADR 0062): `respondents` holds only a keyed hash per (member, consultation); `pending_answers` holds answers
 * waiting for their batch, with no id and no time; `answers` holds them shuffled, with random v4 ids, no time and
 * nothing of who. Plus the outbox, inbox and dead letters every service keeps.
 */
export class MigrationAdvocacyInit extends Migration {
  override name = '20261204-advocacy-init';

  up(): void {
    const sql = [
      `create table advocacy.consultations (
        id uuid primary key, ${OWNER},
        title text not null, purpose text not null, asked_by text not null, use_of_answers text not null,
        opens_at timestamptz not null, closes_at timestamptz not null, audience text not null,
        status text not null default 'draft', results_threshold int not null default 5 check (results_threshold >= 5),
        questions jsonb not null, about_you jsonb not null default '[]',
        opened_at timestamptz, closed_at timestamptz,
        flushed_responses int not null default 0, flushed_counted int not null default 0,
        snapshot_counted int not null default 0, snapshot jsonb,
        created_at timestamptz not null default now(), updated_at timestamptz not null default now())`,
      `create index consultations_tenant_idx on advocacy.consultations (tenant_id, id) where tenant_id is not null`,
      `create index consultations_region_idx on advocacy.consultations (region_id, id) where region_id is not null`,
      ...ownedRlsSql('advocacy.consultations'),
      `create table advocacy.respondents (
        consultation_id uuid not null references advocacy.consultations (id), ${OWNER},
        hash bytea not null, primary key (consultation_id, hash))`,
      ...ownedRlsSql('advocacy.respondents'),
      `create table advocacy.pending_answers (
        consultation_id uuid not null references advocacy.consultations (id), ${OWNER},
        answers jsonb not null, counted boolean not null)`,
      `create index pending_answers_consultation_idx on advocacy.pending_answers (consultation_id)`,
      ...ownedRlsSql('advocacy.pending_answers'),
      `create table advocacy.answers (
        id uuid primary key, consultation_id uuid not null references advocacy.consultations (id), ${OWNER},
        answers jsonb not null)`,
      `create index answers_consultation_idx on advocacy.answers (consultation_id)`,
      ...ownedRlsSql('advocacy.answers'),
      ...messagingTablesSql('advocacy'),
      ...messagingDeliverySql('advocacy'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
