import { Migration } from '@mikro-orm/migrations';

/**
 * Erasure that reaches the person (ADR 0019): an invitation that is spent (accepted, cancelled or expired) loses
 * its email when the member record it named, or the person it was sent to, is erased; the row stays for the
 * LERO's history of who was invited to what, and goes with the retention schedule.
 */
export class MigrationTenantsErasureEverywhere extends Migration {
  override name = '20261205-tenants-erasure-everywhere';

  up(): void {
    this.addSql(`alter table tenants.invitations alter column email drop not null`);
  }
}
