import { Migration } from '@mikro-orm/migrations';

/**
 * Imports into suggestions (ADR 0041): a suggestion comes from a LERO (`tenant_id`) or from an import
 * (`import_id`, no LERO), and an import's keeps the feed's record as it would be written (`record`, null for "the
 * feed no longer has it"), the feed and its id (`source`, `source_id`) and the record's digest, so that approving
 * it makes a listing that keeps its source, and a re-import finds it again instead of suggesting it twice: at
 * most one pending suggestion per record of a feed.
 */
export class MigrationDirectoryImportSuggestions extends Migration {
  override name = '20261223-directory-import-suggestions';

  up(): void {
    const sql = [
      `alter table directory.suggestions alter column tenant_id drop not null`,
      `alter table directory.suggestions
        add column import_id uuid references directory.imports (id),
        add column source text, add column source_id text, add column source_digest text,
        add column record jsonb, add column updated_at timestamptz`,
      `alter table directory.suggestions add constraint suggestions_origin_check check (
        (tenant_id is not null and import_id is null and source is null and source_id is null
          and source_digest is null and record is null)
        or (tenant_id is null and import_id is not null and source is not null and source_id is not null))`,
      `create unique index suggestions_source_pending_idx on directory.suggestions (region_id, source, source_id)
         where status = 'pending' and source is not null`,
      `create index suggestions_source_idx on directory.suggestions (region_id, source, source_id, id)
         where source is not null`,
      `create index suggestions_import_idx on directory.suggestions (region_id, import_id, status)
         where import_id is not null`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
