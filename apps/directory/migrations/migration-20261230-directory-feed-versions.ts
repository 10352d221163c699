import { Migration } from '@mikro-orm/migrations';

/**
 * The tables the public feed reads, up to this migration (a migration keeps its own list: it must never change).
 * A later table the feed reads gets the same trigger in its own migration (`feed-versions.int-spec.ts` fails
 * until it has it, or is named there as one the feed does not read).
 */
export const FEED_TABLES_20261230 = [
  'organizations',
  'services',
  'locations',
  'addresses',
  'accessibility',
  'service_at_locations',
  'schedules',
  'contacts',
  'phones',
  'service_areas',
  'cost_options',
  'languages',
  'attributes',
  'metadata',
  'search_lexemes',
  'region_settings',
  'taxonomies',
  'taxonomy_terms',
  'taxonomy_term_mappings',
] as const;

/** The version row of changes that are no one region's (Hearth's own terms, the postcode list): every region's. */
export const EVERY_REGION = '00000000-0000-0000-0000-000000000000';

/**
 * The feed's versions (ADR 0047): a number per region that every committed change to what its feed shows moves
 * on, so that the directory may keep answers and know, with one indexed read, whether one is still true.
 *
 * - A deferred row trigger on every table the feed reads moves the row's region's version on at commit, once per
 *   transaction and region (a transaction-local note of the regions already moved): in the same transaction as
 *   the change, so a reader sees the new rows and the new version together or neither; at commit, so the version
 *   row is locked only for the commit's last moment (an immediate trigger would hold it while the transaction
 *   waits on other rows: two writers of one region could deadlock).
 * - Rows of no region (Hearth's own taxonomy) and the postcode list (statement trigger: the loader writes
 *   millions of rows) move `EVERY_REGION`'s version, which every answer's version includes.
 * - The table holds counters only, nothing about anyone; RLS is forced with one policy that lets the directory's
 *   role read and move any of them (a change to one region's listings moves that region's number).
 */
export class MigrationDirectoryFeedVersions extends Migration {
  override name = '20261230-directory-feed-versions';

  up(): void {
    const sql = [
      `create table directory.feed_versions (
        region_id uuid primary key, version bigint not null default 1 check (version > 0))`,
      `alter table directory.feed_versions enable row level security`,
      `alter table directory.feed_versions force row level security`,
      `create policy feed_versions_counters on directory.feed_versions using (true) with check (true)`,
      `create function directory.feed_version_move(region uuid) returns void language plpgsql as $$
      declare
        moved text := coalesce(current_setting('hearth.feed_moved', true), '');
      begin
        if strpos(moved, region::text) > 0 then return; end if;
        perform set_config('hearth.feed_moved', moved || region::text || ' ', true);
        insert into directory.feed_versions as v (region_id) values (region)
          on conflict (region_id) do update set version = v.version + 1;
      end $$`,
      `create function directory.feed_row_changed() returns trigger language plpgsql as $$
      begin
        perform directory.feed_version_move(coalesce(
          case when tg_op = 'DELETE' then old.region_id else new.region_id end, '${EVERY_REGION}'::uuid));
        if tg_op = 'UPDATE' and old.region_id is distinct from new.region_id then
          perform directory.feed_version_move(coalesce(old.region_id, '${EVERY_REGION}'::uuid));
        end if;
        return null;
      end $$`,
      `create function directory.feed_statement_changed() returns trigger language plpgsql as $$
      begin
        perform directory.feed_version_move('${EVERY_REGION}'::uuid);
        return null;
      end $$`,
      ...FEED_TABLES_20261230.map(
        (t) => `create constraint trigger feed_changed after insert or update or delete on directory.${t}
          deferrable initially deferred for each row execute function directory.feed_row_changed()`,
      ),
      `create trigger feed_changed after insert or update or delete or truncate on directory.postcodes
        for each statement execute function directory.feed_statement_changed()`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
