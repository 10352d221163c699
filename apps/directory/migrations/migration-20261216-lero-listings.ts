import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/** Which event a row was last written from: a newer one (later, then a greater UUIDv7 id) replaces it. */
const VERSION = `occurred_at timestamptz not null, event_id uuid not null`;

/**
 * What the directory knows of LEROs and their activities from their domain events (ADR 0042), the sources of
 * the listings it makes for them. Owned by the LERO (its RLS), since an activity's event may come before the
 * region it belongs to is known; `published` is what its listing was last written as.
 */
export class MigrationDirectoryLeroListings extends Migration {
  override name = '20261216-directory-lero-listings';

  up(): void {
    const sql = [
      `create table directory.lero_sources (tenant_id uuid primary key, region_id uuid not null, name text not null,
        status text not null, publish_to_directory boolean not null, contact_email text, ${VERSION},
        published jsonb)`,
      ...tenantRlsSql('directory.lero_sources'),
      `create table directory.activity_sources (id uuid primary key, tenant_id uuid not null,
        status text not null check (status in ('active', 'paused', 'ended')), removed boolean not null,
        listing jsonb, ${VERSION}, published jsonb)`,
      `create index activity_sources_tenant_idx on directory.activity_sources (tenant_id, id)`,
      ...tenantRlsSql('directory.activity_sources'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
