import { Migration } from '@mikro-orm/migrations';
import { regionRlsSql } from '@hearth/persistence';

/**
 * What the feed's filters look up, each through an index of its own so that none reads a region's whole
 * directory (ADR 0037). Under forced row-level security PostgreSQL uses an index only for an operator it knows
 * leaks nothing (`=`, `<`, a boolean column), and marking one so needs a superuser: full text `@@` and array `&&`
 * are not, so a GIN index is never used for a region's query. Hence:
 * - `search_lexemes`: each service's lexemes (of its `search_vector`) as rows, kept by a trigger on whatever writes
 *   a service (curation, imports), found by `=`; `query_lexemes` names the lexemes a query needs (none when it
 *   needs none, as `-debt`), and the service's own `search_vector @@` stays the exact check;
 * - `schedules.opens_mo` … `opens_su`: the days of `byday` (`2MO,-1FR`: Mondays and Fridays), each with a partial
 *   index, for `day`;
 * - `schedules.open_until`: when the opening ends on its day (`closes_at`, or midnight for one that closes after
 *   it, `22:00`–`02:00`), so that `start_time` is one range on one column, and an index on `opens_at` for `end_time`;
 * - ages where a service has them, and organisations by when they last changed (`modified_after`).
 */
/** iCalendar's days, as `byday` has them (a migration keeps its own copy: it must never change). */
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export class MigrationDirectoryFeedFilters extends Migration {
  override name = '20261215-directory-feed-filters';

  up(): void {
    const sql = [
      ...DAYS.flatMap((day) => {
        const column = `opens_${day.toLowerCase()}`;
        return [
          `alter table directory.schedules add column ${column} boolean not null generated always as
            (coalesce(byday, '') ~* '(^|,)\\s*[-+]?[0-9]*${day}\\s*(,|$)') stored`,
          `create index schedules_${column}_idx on directory.schedules (region_id) where ${column}`,
        ];
      }),
      `alter table directory.schedules add column open_until time generated always as
        (case when opens_at is not null and closes_at <= opens_at then time '24:00' else closes_at end) stored`,
      `create index schedules_opens_at_idx on directory.schedules (region_id, opens_at)`,
      `create index schedules_open_until_idx on directory.schedules (region_id, open_until)`,
      `create index services_minimum_age_idx on directory.services (region_id, minimum_age)
        where minimum_age is not null`,
      `create index services_maximum_age_idx on directory.services (region_id, maximum_age)
        where maximum_age is not null`,
      `create index organizations_last_modified_idx on directory.organizations (region_id, last_modified)`,
      `create table directory.search_lexemes (region_id uuid not null,
        service_id uuid not null references directory.services (id) on delete cascade, lexeme text not null,
        primary key (service_id, lexeme))`,
      `create index search_lexemes_lookup_idx on directory.search_lexemes (region_id, lexeme, service_id)`,
      ...regionRlsSql('directory.search_lexemes'),
      `create function directory.index_service_lexemes() returns trigger language plpgsql as $$
        begin
          delete from directory.search_lexemes where service_id = new.id;
          insert into directory.search_lexemes (region_id, service_id, lexeme)
            select new.region_id, new.id, lexeme from unnest(tsvector_to_array(new.search_vector)) as lexeme;
          return null;
        end $$`,
      `create trigger services_search_lexemes after insert or update of name, description
        on directory.services for each row execute function directory.index_service_lexemes()`,
      // The lexemes of the part of a query an index can answer (a service it matches has one of them at least);
      // null when no part can (`-debt`, `a or -b`), and then every service is a candidate.
      `create function directory.query_lexemes(q tsquery) returns text[] language sql immutable strict parallel safe
        as $$ select case when querytree(q) in ('', 'T') then null else array(
          select replace(m[1], '''''', '''') from regexp_matches(querytree(q), '''((?:[^'']|'''')*)''', 'g') as m)
        end $$`,
      // Existing services: written as the owner, whom the forced policy would hold to no region at all.
      `alter table directory.services no force row level security`,
      `alter table directory.search_lexemes no force row level security`,
      `insert into directory.search_lexemes (region_id, service_id, lexeme)
        select s.region_id, s.id, lexeme from directory.services s, unnest(tsvector_to_array(s.search_vector)) as lexeme`,
      `alter table directory.services force row level security`,
      `alter table directory.search_lexemes force row level security`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
