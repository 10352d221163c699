import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  notFound,
  type ImportRequest,
  type ImportView,
  type ListImportsRequest,
  type Page,
  type RequestContext,
  type StartImportRequest,
} from '@hearth/contracts';
import { checkFetchTarget, SafeFetchError } from '@hearth/platform';
import { uuidv7 } from 'uuidv7';
import { authoriseInRegion } from '../directory-access';
import { DIRECTORY_OPTIONS, type DirectoryOptions } from '../directory.options';
import { ImportRunner } from './import-runner';
import { importView, ImportsRepository } from './imports.repository';

const invalid = (field: string, message: string) =>
  new AppError('VALIDATION', `Invalid ${field}: ${message}.`, { errors: [{ field, message }] });

/** How long the check of a feed's host may take before the request is answered (the run checks it again). */
const TARGET_CHECK_MS = 1500;

/**
 * The feed's base address as its `source`: scheme, host, port and path, without a trailing `/` or `/services`
 * (a curator may paste either). A query or a fragment is refused: a feed's base has none.
 */
export function feedSource(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('url', 'must be the http(s) address of an Open Referral UK feed');
  }
  if (url.search || url.hash) throw invalid('url', 'must be the feed’s base address, without ? or #');
  const path = url.pathname.replace(/\/+$/, '').replace(/\/services$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/**
 * A region's curators import another Open Referral UK feed (ADR 0041): the request checks the address and
 * starts a run (202 with its id); the run walks the feed in the background; `get` shows how far it got.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly imports: ImportsRepository,
    private readonly runner: ImportRunner,
    @Inject(DIRECTORY_OPTIONS) private readonly options: DirectoryOptions,
  ) {}

  async start(ctx: RequestContext, dto: StartImportRequest): Promise<ImportView> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'create');
    const mode = dto.mode ?? 'listings';
    const source = feedSource(dto.url);
    await this.checkTarget(source);
    const row = await this.imports.start(a.regionId, {
      id: uuidv7(),
      source,
      mode,
      full: dto.full === true,
      accountId: a.actor.accountId,
    });
    if (!row) throw new AppError('CONFLICT', 'An import of this feed is already running in this region.');
    const view = importView(row);
    this.runner.launch({
      id: view.id,
      regionId: a.regionId,
      source,
      accountId: a.actor.accountId,
      mode,
      modifiedAfter: view.modifiedAfter,
    });
    return view;
  }

  async get(ctx: RequestContext, dto: ImportRequest): Promise<ImportView> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'create');
    const row = await this.imports.one(a.regionId, dto.importId.toLowerCase());
    if (!row) throw notFound('Import');
    return importView(row);
  }

  async list(ctx: RequestContext, dto: ListImportsRequest): Promise<Page<ImportView>> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'create');
    const limit = dto.limit ?? 20;
    const before = dto.cursor && /^[0-9a-f-]{36}$/i.test(dto.cursor) ? dto.cursor.toLowerCase() : undefined;
    if (dto.cursor && !before) throw invalid('cursor', 'is not a cursor this list gave');
    const rows = await this.imports.page(a.regionId, limit + 1, before);
    const items = rows.slice(0, limit).map(importView);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  /** A feed on a private or loopback address (or a host that does not exist) is refused before anything runs. */
  private async checkTarget(source: string): Promise<void> {
    const check = checkFetchTarget(source, { allowLoopback: this.options.importAllowLoopback === true });
    // A check still going when the time is up is left to the run, which checks again; its failure is not unhandled.
    check.catch(() => undefined);
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, TARGET_CHECK_MS).unref());
    try {
      await Promise.race([check, timeout]);
    } catch (err) {
      if (err instanceof SafeFetchError) throw invalid('url', err.message);
      throw err;
    }
  }
}
