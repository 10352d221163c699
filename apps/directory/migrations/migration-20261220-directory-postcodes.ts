import { Migration } from '@mikro-orm/migrations';

/**
 * UK postcodes and their centroids (ADR 0038): public reference data from the ONS Postcode Directory, owned by no
 * region, loaded by `npm run directory:load-postcodes` as the schema's owner.
 *
 * Row-level security is enabled but not forced: the owner (the loader) is not bound by it, while the directory's
 * own role — which `npm run migrate` grants every right on every table of the schema — may only read the
 * centroids (the one policy is `for select`: its writes are refused or change nothing) and sees nothing of the
 * loader's staging rows and progress (no policy at all).
 */
export class MigrationDirectoryPostcodes extends Migration {
  override name = '20261220-directory-postcodes';

  up(): void {
    const sql = [
      `create table directory.postcodes (
        postcode text primary key check (postcode ~ '^[A-Z][A-Z0-9]{1,3} [0-9][A-Z]{2}$'),
        latitude double precision not null check (latitude between -90 and 90),
        longitude double precision not null check (longitude between -180 and 180),
        updated_at timestamptz not null default now())`,
      `alter table directory.postcodes enable row level security`,
      `create policy postcodes_read on directory.postcodes for select using (true)`,
      // The file's rows as read, before they are applied in batches: unlogged (a crash empties it; the loader
      // then reads the file again), numbered by `seq` so that each batch is a range and progress one number.
      `create unlogged table directory.postcode_staging (
        seq bigint primary key, postcode text not null, latitude double precision, longitude double precision,
        terminated boolean not null)`,
      `alter table directory.postcode_staging enable row level security`,
      // One row: the load under way or last finished, so a load that was stopped carries on where it stopped.
      `create table directory.postcode_loads (
        id int primary key check (id = 1), file text not null, fingerprint text not null, staged_rows bigint not null,
        applied_to bigint not null default 0, counts jsonb not null default '{}',
        started_at timestamptz not null default now(), finished_at timestamptz)`,
      `alter table directory.postcode_loads enable row level security`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
