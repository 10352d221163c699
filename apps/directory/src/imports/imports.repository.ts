import { Injectable } from '@nestjs/common';
import type { ImportMode, ImportProblem, ImportView } from '@hearth/contracts';
import type { RegionId } from '@hearth/persistence';
import { DirectoryDatabase } from '../directory-database';

type Stored = Record<string, unknown>;

/** A run that has not said it is alive for this long was cut short (its process stopped): it counts as failed. */
export const STALE_AFTER = '15 minutes';

export interface ImportProgress {
  pages: number;
  seen: number;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  skipped: number;
  problems: ImportProblem[];
}

const COLUMNS = `id, region_id, source, mode, full_walk, modified_after, status, started_at, finished_at, pages,
  seen, created, updated, unchanged, removed, skipped, problems, error,
  (status = 'running' and heartbeat_at < now() - interval '${STALE_AFTER}') as stale,
  (select count(*)::int from directory.suggestions s where s.import_id = imports.id and s.status = 'pending')
    as pending_suggestions`;

const PROGRESS = `pages = $2, seen = $3, created = $4, updated = $5, unchanged = $6, removed = $7, skipped = $8,
  problems = $9::jsonb, heartbeat_at = now()`;
const progressParams = (id: string, p: ImportProgress) => [
  id,
  p.pages,
  p.seen,
  p.created,
  p.updated,
  p.unchanged,
  p.removed,
  p.skipped,
  JSON.stringify(p.problems),
];

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)).toISOString());

export function importView(r: Stored): ImportView {
  const stale = r.stale === true;
  return {
    id: String(r.id),
    regionId: String(r.region_id),
    source: String(r.source),
    mode: r.mode as ImportMode,
    full: r.full_walk === true,
    modifiedAfter: iso(r.modified_after),
    status: stale ? 'failed' : (r.status as ImportView['status']),
    startedAt: iso(r.started_at)!,
    finishedAt: iso(r.finished_at),
    counts: {
      pages: Number(r.pages),
      seen: Number(r.seen),
      created: Number(r.created),
      updated: Number(r.updated),
      unchanged: Number(r.unchanged),
      removed: Number(r.removed),
      skipped: Number(r.skipped),
    },
    problems: (typeof r.problems === 'string' ? JSON.parse(r.problems) : r.problems) as ImportProblem[],
    error: stale
      ? 'It stopped: the directory service went away while it ran.'
      : ((r.error as string) ?? null),
    pendingSuggestions: Number(r.pending_suggestions ?? 0),
  };
}

/** The `imports` table: one row per run, under the region's row-level security. Queries only. */
@Injectable()
export class ImportsRepository {
  constructor(private readonly db: DirectoryDatabase) {}

  /**
   * A new run of `source`, unless one is running (null). A run cut short long ago is closed first; `since` is
   * when the last successful run of the feed started (for `modified_after`), unless a whole walk is asked for.
   */
  async start(
    regionId: RegionId,
    run: { id: string; source: string; mode: ImportMode; full: boolean; accountId: string },
  ): Promise<Stored | null> {
    return this.db.transactInRegion(regionId, async (tx) => {
      const [, [last]] = await tx.run<Stored[][]>([
        {
          sql: `update directory.imports set status = 'failed', finished_at = now(),
                  error = 'It stopped: the directory service went away while it ran.'
                where source = $1 and status = 'running' and heartbeat_at < now() - interval '${STALE_AFTER}'`,
          params: [run.source],
        },
        {
          sql: `select started_at from directory.imports where source = $1 and status = 'succeeded'
                order by started_at desc limit 1`,
          params: [run.source],
        },
      ]);
      // An hour's margin: the feed's clock and ours may differ, and fetching a record twice changes nothing.
      const since =
        !run.full && last ? new Date(new Date(String(last.started_at)).getTime() - 3_600_000) : null;
      const [[made]] = await tx.run<Stored[][]>(
        {
          sql: `insert into directory.imports (id, region_id, source, mode, full_walk, modified_after, requested_by)
                values ($1, $2, $3, $4, $5, $6, $7)
                on conflict (region_id, source) where status = 'running' do nothing
                returning ${COLUMNS}`,
          params: [run.id, regionId, run.source, run.mode, since === null, since, run.accountId],
        },
        { commit: true },
      );
      return made ?? null;
    });
  }

  /** What the run has done so far; also says it is alive. */
  async progress(regionId: RegionId, id: string, p: ImportProgress): Promise<void> {
    await this.db.readInRegion(
      regionId,
      `update directory.imports set ${PROGRESS} where id = $1 returning id`,
      progressParams(id, p),
    );
  }

  /** The feed refused `modified_after`: this run walks all of it. */
  async walkingWhole(regionId: RegionId, id: string): Promise<void> {
    await this.db.readInRegion(
      regionId,
      `update directory.imports set full_walk = true, modified_after = null where id = $1 returning id`,
      [id],
    );
  }

  async finish(regionId: RegionId, id: string, p: ImportProgress, error: string | null): Promise<void> {
    await this.db.readInRegion(
      regionId,
      `update directory.imports set ${PROGRESS}, status = $10, error = $11, finished_at = now()
       where id = $1 returning id`,
      [...progressParams(id, p), error ? 'failed' : 'succeeded', error],
    );
  }

  async one(regionId: RegionId, id: string): Promise<Stored | undefined> {
    const [row] = await this.db.readInRegion<Stored>(
      regionId,
      `select ${COLUMNS} from directory.imports where id = $1`,
      [id],
    );
    return row;
  }

  /** The region's imports, newest first, after the one `before` (an id). */
  page(regionId: RegionId, limit: number, before?: string): Promise<Stored[]> {
    return this.db.readInRegion<Stored>(
      regionId,
      `select ${COLUMNS} from directory.imports
       where ($1::uuid is null or (started_at, id) < (select started_at, id from directory.imports where id = $1))
       order by started_at desc, id desc limit $2`,
      [before ?? null, limit],
    );
  }
}
