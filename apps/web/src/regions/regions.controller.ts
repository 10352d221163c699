import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SLUG_PATTERN } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { FormErrors, NO_ERRORS, field } from '../http/form.util';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { uuidParam } from '../http/params';
import { PageForbidden } from '../http/web-errors';
import {
  curatesDirectoryOf,
  curationPath,
  importsPath,
  isPlatformAdmin,
  readsReportsOf,
  regionAdminOf,
  regionConsultationsPath,
  regionReportPath,
} from '../navigation/navigation';
import { CurrentViewer, SignedIn, SignedInForm } from '../http/guards';
import { callContext } from '../session/session-auth.service';
import { session, type Viewer } from '../session/web-session';
import { findRegion } from './find-region';
import { slugify } from '../http/slug.util';

const REGION_ROLES = new Set(['platform-admin', 'region-admin', 'commissioner', 'directory-curator']);

@WebController('regions')
export class RegionsController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  @Get()
  @SignedIn()
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    if (!viewer.grants.some((g) => REGION_ROLES.has(g.role))) throw new PageForbidden();
    const { items } = await this.api.for(callContext(req, viewer.accessToken)).regions();
    // A directory curator (and nothing more there) goes to the region's directory: its LEROs are not theirs to see.
    const hrefOf = (id: string) =>
      curatesDirectoryOf(viewer, id) && !isPlatformAdmin(viewer) && !readsReportsOf(viewer, id)
        ? curationPath(id)
        : `/regions/${id}`;
    await this.pages.render(req, reply, 'regions/list', {
      regions: items.map((r) => ({ ...r, href: hrefOf(r.id) })),
      canCreate: isPlatformAdmin(viewer),
    });
  }

  @Get('new')
  @SignedIn()
  async newRegion(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    if (!isPlatformAdmin(viewer)) throw new PageForbidden();
    await this.pages.render(req, reply, 'regions/new', { values: {}, errors: NO_ERRORS });
  }

  @Post()
  @SignedInForm()
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    if (!isPlatformAdmin(viewer)) throw new PageForbidden();
    const name = field(req.body, 'name');
    const givenSlug = field(req.body, 'slug');
    const slug = givenSlug || slugify(name);
    const errors = new FormErrors();
    if (!name) errors.add('name', 'Enter the region’s name');
    else if (name.length < 2 || name.length > 120)
      errors.add('name', 'Region name must be between 2 and 120 characters');
    if (givenSlug && !SLUG_PATTERN.test(givenSlug)) {
      errors.add(
        'slug',
        'Short name must use only lower-case letters, numbers and single hyphens, like north-east',
      );
    } else if (name && (slug.length < 2 || slug.length > 60)) {
      errors.add('slug', 'Short name must be between 2 and 60 characters');
    }
    let status = 400;
    if (errors.ok) {
      try {
        const region = await this.api.for(callContext(req, viewer.accessToken)).createRegion({ name, slug });
        session(req).set('flash', {
          success: { title: 'Region created', text: `${region.name} is ready for its LEROs.` },
        });
        return this.pages.redirect(reply, `/regions/${region.id}`);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
        status = err.status;
        if (err.reason === 'SlugTaken')
          errors.add('slug', `The short name ${slug} is already taken. Choose another`);
        else errors.fromApi(err, { name: 'Region name', slug: 'Short name' }, 'name');
      }
    }
    await this.pages.render(
      req,
      reply,
      'regions/new',
      { values: { name, slug: givenSlug || slug }, errors: errors.view(['name', 'slug']) },
      status,
    );
  }

  @Get(':regionId')
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
    @Query('cursor') cursor?: string,
  ): Promise<void> {
    const calls = this.api.for(callContext(req, viewer.accessToken));
    const region = await findRegion(calls, regionId);
    const page = await calls.tenants({
      regionId,
      limit: 50,
      cursor: typeof cursor === 'string' && cursor.length <= 200 ? cursor : undefined,
    });
    await this.pages.render(req, reply, 'regions/show', {
      region,
      leros: page.items,
      nextCursor: page.nextCursor,
      canOnboard: isPlatformAdmin(viewer) || regionAdminOf(viewer, regionId),
      reportHref: readsReportsOf(viewer, regionId) ? regionReportPath(regionId) : undefined,
      consultationsHref: regionAdminOf(viewer, regionId) ? regionConsultationsPath(regionId) : undefined,
      directoryHref: curatesDirectoryOf(viewer, regionId) ? curationPath(regionId) : undefined,
      importsHref: curatesDirectoryOf(viewer, regionId) ? importsPath(regionId) : undefined,
      asksHref: regionAdminOf(viewer, regionId) ? `/regions/${regionId}/asks` : undefined,
      testimonyHref: regionAdminOf(viewer, regionId) ? `/regions/${regionId}/testimony` : undefined,
      webhooksHref: regionAdminOf(viewer, regionId) ? `/regions/${regionId}/webhooks` : undefined,
    });
  }
}
