import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ImportMode } from '@hearth/contracts';
import { isDatabaseUnavailable, type RegionId } from '@hearth/persistence';
import { DIRECTORY_OPTIONS, type DirectoryOptions } from '../directory.options';
import { FeedHarvester, HarvestError, RecordError } from './feed-harvester';
import { digestOf, mapService, type MappedService } from './hsds-record.mapper';
import { ImportsRepository, type ImportProgress } from './imports.repository';
import { ImportSuggestionsWriter } from './import-suggestions.writer';
import { ImportWriter, type ImportScope, type Outcome } from './import-writer';

/** One run, as `ImportsService` started it. */
export interface ImportRun extends ImportScope {
  id: string;
  regionId: RegionId;
  mode: ImportMode;
  /** Ask only for what changed since (the feed may refuse; then the whole feed is walked). */
  modifiedAfter: string | null;
}

/**
 * Where a mode writes. `listings`: straight into the region's listings. `suggestions`: into the curators' queue,
 * each record a suggestion that keeps the feed and its id (`ImportSuggestionsWriter`).
 */
interface ImportSink {
  write(run: ImportRun, record: MappedService, digest: string): Promise<Outcome>;
  sweep(run: ImportRun, seen: Set<string>): Promise<number>;
}

const MAX_PAGES = 2000;
const MAX_SERVICES = 50_000;
/** Services fetched at once (written one after another). */
const CONCURRENCY = 4;
/** So many records in a row failing to come means the feed is down, not that they are bad. */
const MAX_FAILURES_IN_A_ROW = 20;
const MAX_PROBLEMS_KEPT = 50;

/**
 * Runs imports in the background of the directory service that took the request: page after page of the feed,
 * each record written in its own transaction, progress saved after each page (which also tells `GET` it is alive).
 * A run cut short (the process stopped) leaves what it wrote, which the next run finds again; shutting down
 * stops the runs and records why.
 */
@Injectable()
export class ImportRunner implements OnModuleDestroy {
  private readonly logger = new Logger(ImportRunner.name);
  private readonly running = new Map<string, { stop: AbortController; done: Promise<void> }>();
  private readonly sinks: Record<ImportMode, ImportSink>;

  constructor(
    private readonly imports: ImportsRepository,
    writer: ImportWriter,
    suggestions: ImportSuggestionsWriter,
    @Inject(DIRECTORY_OPTIONS) private readonly options: DirectoryOptions,
  ) {
    this.sinks = { listings: writer, suggestions };
  }

  launch(run: ImportRun): void {
    const stop = new AbortController();
    const done = this.harvest(run, stop.signal)
      .catch((err: unknown) =>
        this.logger.warn({ err, importId: run.id }, 'An import could not record its end'),
      )
      .finally(() => this.running.delete(run.id));
    this.running.set(run.id, { stop, done });
  }

  async onModuleDestroy(): Promise<void> {
    const runs = [...this.running.values()];
    for (const r of runs) r.stop.abort();
    await Promise.allSettled(runs.map((r) => r.done));
  }

  private async harvest(run: ImportRun, signal: AbortSignal): Promise<void> {
    const sink = this.sinks[run.mode];
    const p: ImportProgress = {
      pages: 0,
      seen: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      removed: 0,
      skipped: 0,
      problems: [],
    };
    const seen = new Set<string>();
    const feed = new FeedHarvester(run.source, {
      allowLoopback: this.options.importAllowLoopback === true,
      signal,
    });
    let since = run.modifiedAfter ?? undefined;
    let error: string | null = null;
    try {
      for (let n = 1; ; n++) {
        if (n > MAX_PAGES) throw new HarvestError(`The feed has more than ${MAX_PAGES} pages of services.`);
        let page = await feed.servicePage(n, since);
        if (page === null) {
          since = undefined;
          await this.imports.walkingWhole(run.regionId, run.id);
          page = (await feed.servicePage(n))!;
        }
        const fresh = [...new Set(page.ids)].filter((id) => !seen.has(id));
        if (page.ids.length > 0 && fresh.length === 0)
          throw new HarvestError(
            `Page ${n} of the feed repeats services of earlier pages: its paging is broken.`,
          );
        for (const id of fresh) seen.add(id);
        if (seen.size > MAX_SERVICES)
          throw new HarvestError(`The feed has more than ${MAX_SERVICES} services.`);
        p.pages = n;
        p.seen = seen.size;
        await this.records(feed, sink, run, fresh, p, signal);
        await this.imports.progress(run.regionId, run.id, p);
        if (page.last) break;
      }
      // Only a whole walk knows what the feed no longer has; an empty feed is more likely broken than emptied.
      if (!since && seen.size > 0) p.removed = await sink.sweep(run, seen);
    } catch (err) {
      if (signal.aborted) error = 'It stopped: the directory service was shutting down.';
      else if (err instanceof HarvestError) error = err.message;
      else {
        this.logger.warn({ err, importId: run.id }, 'An import failed');
        error = isDatabaseUnavailable(err)
          ? 'It stopped: the directory’s database was unavailable.'
          : 'It failed on something unexpected (see the directory service’s log).';
      }
    }
    await this.imports.finish(run.regionId, run.id, p, error);
  }

  /** A page's services: fetched a few at a time, each mapped and written (or noted as a problem). */
  private async records(
    feed: FeedHarvester,
    sink: ImportSink,
    run: ImportRun,
    ids: string[],
    p: ImportProgress,
    signal: AbortSignal,
  ): Promise<void> {
    const problem = (sourceId: string, message: string) => {
      p.skipped++;
      if (p.problems.length < MAX_PROBLEMS_KEPT) p.problems.push({ sourceId, message });
    };
    let failuresInARow = 0;
    for (let i = 0; i < ids.length; i += CONCURRENCY) {
      if (signal.aborted) throw new HarvestError('It stopped.');
      const batch = await Promise.all(
        ids.slice(i, i + CONCURRENCY).map((id) =>
          feed.service(id).then(
            (body) => ({ id, body, err: undefined }),
            (err: unknown) => ({ id, body: undefined, err }),
          ),
        ),
      );
      for (const { id, body, err } of batch) {
        if (err !== undefined) {
          if (!(err instanceof RecordError)) throw err;
          problem(id, `The service ${err.message}.`);
          if (++failuresInARow >= MAX_FAILURES_IN_A_ROW)
            throw new HarvestError(`The feed stopped answering for its services (the last ${err.message}).`);
          continue;
        }
        failuresInARow = 0;
        const mapped = mapService(body);
        if ('problem' in mapped) {
          problem(id, `The service ${mapped.problem}.`);
          continue;
        }
        try {
          p[await sink.write(run, mapped.service, digestOf(mapped.service))]++;
        } catch (e) {
          if (isDatabaseUnavailable(e)) throw e;
          this.logger.warn(
            { err: e, importId: run.id, sourceId: id },
            'An imported service could not be written',
          );
          problem(id, 'The service could not be written (see the directory service’s log).');
        }
      }
    }
  }
}
