import { Migration } from '@mikro-orm/migrations';
import { regionRlsSql } from '@hearth/persistence';

/**
 * Curation (ADR 0040): a region's directory settings (the curator team's address that assuring writes), LEROs'
 * suggestions waiting for the region's curators, and an index for the "needs review" list (never-assured first,
 * then the oldest assurance, then the oldest listing). Every table is the region's, under row-level security.
 */
export class MigrationDirectoryCuration extends Migration {
  override name = '20261214-directory-curation';

  up(): void {
    const sql = [
      `create table directory.region_settings (
        region_id uuid primary key, contact_email text,
        updated_by uuid not null, updated_at timestamptz not null default now())`,
      ...regionRlsSql('directory.region_settings'),
      // A suggestion belongs to the region; `tenant_id` is the LERO that made it (it sees only its own).
      `create table directory.suggestions (
        id uuid primary key, region_id uuid not null, tenant_id uuid not null,
        kind text not null check (kind in ('new', 'change')),
        listing_id uuid references directory.services (id),
        body jsonb not null,
        status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
        reason text check (char_length(reason) <= 1000),
        suggested_by uuid not null, decided_by uuid, decided_at timestamptz,
        created_at timestamptz not null default now(),
        check (kind = 'new' or listing_id is not null),
        check ((status = 'rejected') = (reason is not null)),
        check ((status = 'pending') = (decided_at is null)))`,
      `create index suggestions_queue_idx on directory.suggestions (region_id, status, id)`,
      `create index suggestions_lero_idx on directory.suggestions (region_id, tenant_id, id)`,
      `create index suggestions_listing_idx on directory.suggestions (region_id, listing_id)`,
      ...regionRlsSql('directory.suggestions'),
      `create index services_review_idx on directory.services
        (region_id, (coalesce(assured_date, '-infinity'::date)), id) where status = 'active'`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
