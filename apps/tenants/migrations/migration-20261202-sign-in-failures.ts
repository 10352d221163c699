import { Migration } from '@mikro-orm/migrations';

/** Failed sign-ins per email (hashed: an address that has no account is not stored in clear). */
export class MigrationTenantsSignInFailures extends Migration {
  override name = '20261202-tenants-sign-in-failures';

  up(): void {
    this.addSql(`create table tenants.sign_in_failures (
      email_hash text primary key,
      failures integer not null check (failures > 0),
      last_failed_at timestamptz not null)`);
  }
}
