import { Migration } from '@mikro-orm/migrations';

/**
 * The access lifecycle: disabled accounts, an absolute lifetime for each sign-in's refresh tokens, cancelled
 * and break-glass invitations, and password reset links (one table for admin resets and a later
 * forgot-password flow).
 */
export class MigrationTenantsAccessLifecycle extends Migration {
  override name = '20261203-tenants-access-lifecycle';

  up(): void {
    const sql = [
      `alter table tenants.accounts add column disabled_at timestamptz`,
      // A sign-in ends at its session_expires_at however often it is refreshed; existing families end when
      // their current token would have.
      `alter table tenants.refresh_tokens add column session_expires_at timestamptz`,
      `update tenants.refresh_tokens set session_expires_at = expires_at`,
      `alter table tenants.refresh_tokens alter column session_expires_at set not null`,
      `create index refresh_tokens_account_idx on tenants.refresh_tokens (account_id) where revoked_at is null`,
      `alter table tenants.invitations
        add column cancelled_at timestamptz, add column cancelled_by uuid,
        add column not_before timestamptz, add column reason text`,
      `create index invitations_tenant_pending_idx on tenants.invitations (tenant_id)
        where accepted_at is null and cancelled_at is null`,
      `create index invitations_region_pending_idx on tenants.invitations (region_id)
        where tenant_id is null and accepted_at is null and cancelled_at is null`,
      `create index grants_region_idx on tenants.grants (region_id) where region_id is not null`,
      `create table tenants.password_resets (
        id uuid primary key, account_id uuid not null references tenants.accounts(id) on delete cascade,
        token_hash text not null unique, expires_at timestamptz not null, used_at timestamptz,
        requested_by uuid, tenant_id uuid references tenants.tenants(id),
        created_at timestamptz not null default now())`,
      `create index password_resets_account_idx on tenants.password_resets (account_id) where used_at is null`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
