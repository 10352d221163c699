import { Migration } from '@mikro-orm/migrations';

/**
 * Erasures this service has heard of, under a one-way key of the member id (never the id): an invitation or
 * a sign-in link to the record made after the erasure arrived is refused, and nothing of the id is kept.
 */
export class MigrationTenantsMemberErasures extends Migration {
  override name = '20261204-tenants-member-erasures';

  up(): void {
    this.addSql(`create table tenants.erased_members (
      tenant_id uuid not null, member_key text not null, primary key (tenant_id, member_key))`);
  }
}
