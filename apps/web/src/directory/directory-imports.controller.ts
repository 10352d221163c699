import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { RegionView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { DirectoryImportsApi } from '../api/directory-imports-api';
import { HearthApi } from '../api/hearth-api';
import { NO_ERRORS, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { pathUuid, uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { NotSignedIn, PageForbidden } from '../http/web-errors';
import { curatesDirectoryOf, importsPath } from '../navigation/navigation';
import { findRegion } from '../regions/find-region';
import { callContext } from '../session/session-auth.service';
import { flash } from '../session/web-session';
import {
  IMPORT_FIELDS,
  IMPORT_LABELS,
  MODE_WORDS,
  emptyImportForm,
  importDetails,
  importRow,
  readImportForm,
  type ImportFormValues,
} from './directory-imports';

const PAGE_SIZE = 20;
const CURSOR = /^[0-9a-f-]{36}$/i;

/**
 * A region's imports of other Open Referral UK feeds, for its admins and directory curators (ADR 0041, 0045):
 * start one (the feed's address, into the suggestions queue or straight into the listings), the imports with
 * how far each got, and one import with the services it could not take. Plain forms and links: an import runs in
 * the background, and its page says so, with a link to look again.
 */
@WebController('regions/:regionId/directory/imports')
export class DirectoryImportsController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  @Get()
  @SignedIn()
  async list(@Req() req: WebRequest, @Res() reply: FastifyReply, @Query('cursor') cursor?: string) {
    const { region, imports } = await this.page(req);
    await this.render(req, reply, region, imports, emptyImportForm(), NO_ERRORS, cursor);
  }

  @Post()
  @SignedInForm()
  async start(@Req() req: WebRequest, @Res() reply: FastifyReply) {
    const { region, imports } = await this.page(req);
    const form = readImportForm(req.body);
    if (form.dto) {
      try {
        const started = await imports.start(region.id, form.dto);
        flash(
          req,
          'Import started',
          `Hearth is reading ${started.source}. This page shows how far it has got; look again in a minute.`,
        );
        return this.pages.redirect(reply, `${importsPath(region.id)}/${started.id}`);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
        if (err.status === 409)
          form.errors.add('url', 'An import of this feed is already running: wait for it to end');
        else form.errors.fromApi(err, IMPORT_LABELS, 'url');
      }
    }
    await this.render(
      req,
      reply,
      region,
      imports,
      form.values,
      form.errors.view(IMPORT_FIELDS),
      undefined,
      400,
    );
  }

  @Get(':importId')
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @uuidParam('importId') importId: string,
  ): Promise<void> {
    const { region, imports } = await this.page(req);
    const view = await imports.get(region.id, importId);
    await this.pages.render(req, reply, 'directory/import', {
      region,
      run: importDetails(view),
      back: importsPath(region.id),
      queueHref: `/regions/${region.id}/directory/suggestions`,
      again: { url: view.source, mode: view.mode },
    });
  }

  /**
   * The region of the path, when the viewer curates its directory: a region they cannot see is a 404 (as the
   * API answers); one they see but do not curate (its commissioners, platform admins) the friendly 403.
   */
  private async page(req: WebRequest) {
    const viewer = req.viewer;
    if (!viewer) throw new NotSignedIn();
    const regionId = await pathUuid(req.params, 'regionId');
    const ctx = callContext(req, viewer.accessToken);
    const region = await findRegion(this.api.for(ctx), regionId);
    if (!curatesDirectoryOf(viewer, region.id)) throw new PageForbidden();
    return { region, imports: new DirectoryImportsApi(this.api, ctx) };
  }

  private async render(
    req: WebRequest,
    reply: FastifyReply,
    region: RegionView,
    imports: DirectoryImportsApi,
    values: ImportFormValues,
    errors: FormView,
    cursor?: string,
    status = 200,
  ) {
    const after = typeof cursor === 'string' && CURSOR.test(cursor) ? cursor : undefined;
    const page = await imports.list(region.id, { limit: PAGE_SIZE, cursor: after });
    const base = importsPath(region.id);
    await this.pages.render(
      req,
      reply,
      'directory/imports',
      {
        region,
        action: base,
        values,
        errors,
        modes: (['suggestions', 'listings'] as const).map((mode) => ({
          value: mode,
          text: MODE_WORDS[mode].text,
          hint: { text: MODE_WORDS[mode].hint },
          checked: values.mode === mode,
        })),
        rows: page.items.map(importRow),
        nextHref: page.nextCursor ? `${base}?cursor=${encodeURIComponent(page.nextCursor)}` : undefined,
        firstHref: after ? base : undefined,
      },
      status,
    );
  }
}
