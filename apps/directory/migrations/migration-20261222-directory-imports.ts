import { Migration } from '@mikro-orm/migrations';
import { regionRlsSql } from '@hearth/persistence';

/**
 * Imports of other Open Referral UK feeds (ADR 0041): each run with what it has done, one running at a time per
 * region and feed. A service keeps the digest of the feed's record it was last written from, so a re-import of
 * an unchanged record writes nothing; taxonomies and terms from a feed are found again by their source id.
 */
export class MigrationDirectoryImports extends Migration {
  override name = '20261222-directory-imports';

  up(): void {
    const sql = [
      `create table directory.imports (
        id uuid primary key, region_id uuid not null, source text not null,
        mode text not null check (mode in ('listings', 'suggestions')), full_walk boolean not null,
        modified_after timestamptz,
        status text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
        requested_by text not null, started_at timestamptz not null default now(),
        heartbeat_at timestamptz not null default now(), finished_at timestamptz,
        pages int not null default 0, seen int not null default 0, created int not null default 0,
        updated int not null default 0, unchanged int not null default 0, removed int not null default 0,
        skipped int not null default 0, problems jsonb not null default '[]', error text)`,
      `create index imports_region_idx on directory.imports (region_id, started_at desc, id)`,
      `create index imports_source_idx on directory.imports (region_id, source, status, started_at desc)`,
      `create unique index imports_running_idx on directory.imports (region_id, source) where status = 'running'`,
      ...regionRlsSql('directory.imports'),
      `alter table directory.services add column source_digest text`,
      `create unique index taxonomies_source_idx on directory.taxonomies (region_id, source, source_id)
         where source_id is not null and region_id is not null`,
      `create unique index taxonomy_terms_source_idx on directory.taxonomy_terms (region_id, source, source_id)
         where source_id is not null and region_id is not null`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
