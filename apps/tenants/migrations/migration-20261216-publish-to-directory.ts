import { Migration } from '@mikro-orm/migrations';

/** A LERO chooses whether it and its public activities appear in its region's directory (ADR 0042): not by default. */
export class MigrationTenantsPublishToDirectory extends Migration {
  override name = '20261216-tenants-publish-to-directory';

  up(): void {
    this.addSql(`alter table tenants.tenants add column publish_to_directory boolean not null default false`);
  }
}
