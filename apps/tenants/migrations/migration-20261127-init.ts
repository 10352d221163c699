import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';
import { messagingTablesSql } from '@hearth/messaging';

const ROLES = `'platform-admin','region-admin','commissioner','tenant-admin','coordinator','volunteer','member'`;

export class MigrationTenantsInit extends Migration {
  override name = '20261127-tenants-init';

  up(): void {
    const sql = [
      `create table tenants.regions (
        id uuid primary key, name text not null, slug text not null unique,
        created_at timestamptz not null default now())`,
      `create table tenants.tenants (
        id uuid primary key, region_id uuid not null references tenants.regions(id),
        name text not null, slug text not null unique,
        status text not null check (status in ('onboarding','active','suspended','archived')),
        reporting_visibility text not null default 'per-lero' check (reporting_visibility in ('per-lero','regional-total-only')),
        contact_email text, created_at timestamptz not null default now(), updated_at timestamptz not null default now())`,
      `create index tenants_region_idx on tenants.tenants (region_id, id)`,
      `create table tenants.accounts (
        id uuid primary key, email text not null unique check (email = lower(email)),
        display_name text not null, password_hash text not null, created_at timestamptz not null default now())`,
      `create table tenants.grants (
        id uuid primary key, account_id uuid not null references tenants.accounts(id) on delete cascade,
        role text not null check (role in (${ROLES})),
        region_id uuid references tenants.regions(id), tenant_id uuid references tenants.tenants(id), member_id uuid,
        created_at timestamptz not null default now())`,
      `create unique index grants_scope_key on tenants.grants (account_id, role, region_id, tenant_id) nulls not distinct`,
      `create index grants_tenant_idx on tenants.grants (tenant_id)`,
      `create table tenants.invitations (
        id uuid primary key, email text not null, role text not null check (role in (${ROLES})),
        region_id uuid not null references tenants.regions(id), tenant_id uuid references tenants.tenants(id), member_id uuid,
        token_hash text not null unique, expires_at timestamptz not null, accepted_at timestamptz, accepted_by uuid,
        invited_by uuid, created_at timestamptz not null default now())`,
      `create table tenants.refresh_tokens (
        id uuid primary key, account_id uuid not null references tenants.accounts(id) on delete cascade,
        family_id uuid not null, token_hash text not null unique, expires_at timestamptz not null,
        spent_at timestamptz, revoked_at timestamptz, created_at timestamptz not null default now())`,
      `create index refresh_tokens_family_idx on tenants.refresh_tokens (family_id)`,
      `create table tenants.audit_entries (
        id uuid primary key, tenant_id uuid not null references tenants.tenants(id),
        at timestamptz not null default now(), actor_account_id uuid, action text not null,
        details jsonb not null default '{}')`,
      `create index audit_entries_tenant_idx on tenants.audit_entries (tenant_id, id)`,
      ...tenantRlsSql('tenants.audit_entries'),
      ...messagingTablesSql('tenants'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
