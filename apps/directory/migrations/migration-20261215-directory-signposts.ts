import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * Signposts: a LERO's own rows (tenant RLS), counted without case files. A random (v4) id and the day only,
 * never a time that could be matched against the door's check-ins, and nothing about the person (ADR 0039).
 * The term and service are ids of the region's directory, checked when written; no foreign key, so a LERO's
 * counts never stand in the way of the region changing its own taxonomy or listings.
 */
export class MigrationDirectorySignposts extends Migration {
  override name = '20261215-directory-signposts';

  up(): void {
    const sql = [
      `create table directory.signposts (
        id uuid primary key, tenant_id uuid not null, taxonomy_term_id uuid not null, service_id uuid,
        channel text not null check (channel in ('in-person', 'phone', 'online')),
        signposted_on date not null)`,
      `create index signposts_tenant_idx on directory.signposts (tenant_id, signposted_on)`,
      ...tenantRlsSql('directory.signposts'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
