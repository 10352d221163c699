import { Migration } from '@mikro-orm/migrations';

/**
 * Single sign-on with OpenID Connect (ADR 80): the identity providers of regions and LEROs (their client secrets
 * encrypted), the short-lived one-time state of each sign-in begun at a provider, the links between an account and
 * a provider's subject (iss + sub), and the short-lived offers to make such a link with the account's password.
 */
export class MigrationTenantsSingleSignOn extends Migration {
  override name = '20261220-tenants-single-sign-on';

  up(): void {
    const sql = [
      `create table tenants.identity_providers (
        id uuid primary key,
        region_id uuid references tenants.regions(id) on delete cascade,
        tenant_id uuid references tenants.tenants(id) on delete cascade,
        display_name text not null, issuer text not null, client_id text not null,
        client_secret text not null, allowed_domains text[] not null default '{}',
        domains_verified_at timestamptz, created_at timestamptz not null default now(),
        check ((region_id is null) <> (tenant_id is null)))`,
      `create index identity_providers_region_idx on tenants.identity_providers (region_id)`,
      `create index identity_providers_tenant_idx on tenants.identity_providers (tenant_id)`,
      `create table tenants.sso_flows (
        id uuid primary key, state_hash text not null unique,
        provider_id uuid not null references tenants.identity_providers(id) on delete cascade,
        nonce text not null, code_verifier text not null,
        expires_at timestamptz not null, used_at timestamptz)`,
      `create table tenants.account_identities (
        id uuid primary key,
        account_id uuid not null references tenants.accounts(id) on delete cascade,
        provider_id uuid not null references tenants.identity_providers(id) on delete cascade,
        issuer text not null, subject text not null, created_at timestamptz not null default now(),
        unique (issuer, subject), unique (account_id, provider_id))`,
      `create table tenants.sso_link_offers (
        id uuid primary key, token_hash text not null unique,
        account_id uuid not null references tenants.accounts(id) on delete cascade,
        provider_id uuid not null references tenants.identity_providers(id) on delete cascade,
        issuer text not null, subject text not null,
        expires_at timestamptz not null, used_at timestamptz)`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
