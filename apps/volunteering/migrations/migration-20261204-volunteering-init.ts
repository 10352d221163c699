import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';
import { messagingDeliverySql, messagingTablesSql } from '@hearth/messaging';

/**
 * The volunteering schema (ADR 0048): a LERO's catalogue of training and checks, its volunteering roles, and the
 * outbox, inbox and dead letters every service keeps. Both tables are the LERO's, under forced row-level security.
 */
export class MigrationVolunteeringInit extends Migration {
  override name = '20261204-volunteering-init';

  up(): void {
    const sql = [
      `create table volunteering.training (
        id uuid primary key, tenant_id uuid not null,
        name text not null check (length(name) between 1 and 120),
        kind text not null check (kind in ('training', 'check')),
        validity_months integer check (validity_months between 1 and 120),
        created_at timestamptz not null default now(), updated_at timestamptz not null default now())`,
      `create index training_tenant_idx on volunteering.training (tenant_id, id)`,
      ...tenantRlsSql('volunteering.training'),
      // requirement_ids holds ids of the same LERO's training rows, checked by the service (RLS hides any other).
      `create table volunteering.roles (
        id uuid primary key, tenant_id uuid not null,
        title text not null check (length(title) between 1 and 160),
        description text, what_youll_do text, "where" text,
        skills jsonb not null default '[]', requirement_ids jsonb not null default '[]',
        visibility text not null check (visibility in ('public', 'members')),
        status text not null check (status in ('open', 'closed')),
        created_at timestamptz not null default now(), updated_at timestamptz not null default now())`,
      `create index roles_tenant_idx on volunteering.roles (tenant_id, id)`,
      ...tenantRlsSql('volunteering.roles'),
      ...messagingTablesSql('volunteering'),
      ...messagingDeliverySql('volunteering'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
