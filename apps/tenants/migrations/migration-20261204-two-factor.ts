import { Migration } from '@mikro-orm/migrations';

/**
 * Two-factor sign-in (ADR 15): an account's authenticator app (its secret encrypted with AES-256-GCM, the last
 * time step used so a code works once), its recovery codes (SHA-256 only), the short-lived challenges between a
 * right password and the second factor, and whether each sign-in passed a second factor.
 */
export class MigrationTenantsTwoFactor extends Migration {
  override name = '20261204-tenants-two-factor';

  up(): void {
    const sql = [
      `create table tenants.two_factor (
        account_id uuid primary key references tenants.accounts(id) on delete cascade,
        totp_secret text, enabled_at timestamptz, last_used_step integer,
        pending_secret text, pending_created_at timestamptz,
        updated_at timestamptz not null default now(),
        check ((totp_secret is null) = (enabled_at is null)))`,
      `create table tenants.recovery_codes (
        id uuid primary key, account_id uuid not null references tenants.accounts(id) on delete cascade,
        code_hash text not null, used_at timestamptz, created_at timestamptz not null default now(),
        unique (account_id, code_hash))`,
      `create table tenants.sign_in_challenges (
        id uuid primary key, account_id uuid not null references tenants.accounts(id) on delete cascade,
        token_hash text not null unique, expires_at timestamptz not null,
        failures integer not null default 0, completed_at timestamptz,
        created_at timestamptz not null default now())`,
      `create index sign_in_challenges_account_idx on tenants.sign_in_challenges (account_id)`,
      // Sign-ins from before this migration passed no second factor: their admin grants wait for one.
      `alter table tenants.refresh_tokens add column second_factor boolean not null default false`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
