import { Migration } from '@mikro-orm/migrations';

const ROLES = `'platform-admin','region-admin','commissioner','directory-curator','tenant-admin','coordinator','volunteer','member'`;

/**
 * The region role `directory-curator` (ADR 0040): a region's admins invite curators of its directory as they
 * invite commissioners, so grants and invitations may now hold it.
 */
export class MigrationTenantsDirectoryCurators extends Migration {
  override name = '20261214-tenants-directory-curators';

  up(): void {
    for (const table of ['grants', 'invitations'])
      this.addSql(
        `alter table tenants.${table} drop constraint ${table}_role_check,
           add constraint ${table}_role_check check (role in (${ROLES}))`,
      );
  }
}
