import { Migration } from '@mikro-orm/migrations';

/** A LERO chooses whether its public sessions appear in its region's OpenActive feed (ADR 0078): not by default. */
export class MigrationTenantsPublishToOpenActive extends Migration {
  override name = '20261220-tenants-publish-to-openactive';

  up(): void {
    this.addSql(
      `alter table tenants.tenants add column publish_to_openactive boolean not null default false`,
    );
  }
}
