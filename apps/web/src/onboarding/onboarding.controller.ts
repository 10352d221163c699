import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SLUG_PATTERN, type RegionView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { FormErrors, NO_ERRORS, field, isEmail, type FormView } from '../http/form.util';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { PageForbidden } from '../http/web-errors';
import { isPlatformAdmin, regionAdminOf } from '../navigation/navigation';
import { findRegion } from '../regions/find-region';
import { slugify } from '../http/slug.util';
import { CurrentViewer, SignedIn, SignedInForm } from '../http/guards';
import { callContext } from '../session/session-auth.service';
import { session, type OnboardingDraft, type Viewer } from '../session/web-session';

const DETAIL_FIELDS = ['name', 'slug', 'contactEmail'];
const DETAIL_LABELS = { name: 'Name', slug: 'Short name', contactEmail: 'Contact email' };

/**
 * Onboarding a LERO as a short task list: its details, its first admin, then the invitation link to copy.
 * The answers wait in the (encrypted) session until the LERO is created in one API call.
 */
@WebController('regions/:regionId/onboard')
export class OnboardingController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  @Get()
  @SignedIn()
  async tasks(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
  ): Promise<void> {
    const region = await this.region(req, viewer, regionId);
    await this.renderTasks(req, reply, region, draftFor(req, regionId));
  }

  @Get('details')
  @SignedIn()
  async details(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
  ): Promise<void> {
    const region = await this.region(req, viewer, regionId);
    await this.pages.render(req, reply, 'onboarding/details', {
      region,
      values: draftFor(req, regionId),
      errors: NO_ERRORS,
    });
  }

  @Post('details')
  @SignedInForm()
  async saveDetails(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
  ): Promise<void> {
    const region = await this.region(req, viewer, regionId);
    const name = field(req.body, 'name');
    const givenSlug = field(req.body, 'slug');
    const contactEmail = field(req.body, 'contactEmail');
    const slug = givenSlug || slugify(name);
    const errors = new FormErrors();
    if (!name) errors.add('name', 'Enter the LERO’s name');
    else if (name.length < 2 || name.length > 160)
      errors.add('name', 'Name must be between 2 and 160 characters');
    if (givenSlug && !SLUG_PATTERN.test(givenSlug)) {
      errors.add(
        'slug',
        'Short name must use only lower-case letters, numbers and single hyphens, like phoenix',
      );
    } else if (name && (slug.length < 2 || slug.length > 60)) {
      errors.add('slug', 'Short name must be between 2 and 60 characters');
    }
    if (contactEmail && !isEmail(contactEmail)) {
      errors.add('contactEmail', 'Enter the contact email in the correct format, like hello@example.org');
    }
    if (!errors.ok) {
      return this.renderDetails(
        req,
        reply,
        region,
        { name, slug: givenSlug, contactEmail },
        errors.view(DETAIL_FIELDS),
      );
    }
    const draft = draftFor(req, regionId);
    session(req).set('onboarding', { ...draft, name, slug, contactEmail: contactEmail || undefined });
    await this.pages.redirect(reply, `/regions/${regionId}/onboard`);
  }

  @Get('admin')
  @SignedIn()
  async admin(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
  ): Promise<void> {
    const region = await this.region(req, viewer, regionId);
    await this.pages.render(req, reply, 'onboarding/admin', {
      region,
      values: draftFor(req, regionId),
      errors: NO_ERRORS,
    });
  }

  @Post('admin')
  @SignedInForm()
  async saveAdmin(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
  ): Promise<void> {
    const region = await this.region(req, viewer, regionId);
    const adminEmail = field(req.body, 'adminEmail');
    const errors = new FormErrors();
    errors.email('adminEmail', adminEmail, 'Enter the first admin’s email address');
    if (!errors.ok) {
      return this.renderAdmin(req, reply, region, adminEmail, errors.view());
    }
    session(req).set('onboarding', { ...draftFor(req, regionId), adminEmail });
    await this.pages.redirect(reply, `/regions/${regionId}/onboard`);
  }

  @Post()
  @SignedInForm()
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
  ): Promise<void> {
    const region = await this.region(req, viewer, regionId);
    const draft = draftFor(req, regionId);
    if (!draft.name || !draft.slug || !draft.adminEmail)
      return this.pages.redirect(reply, `/regions/${regionId}/onboard`);
    try {
      const lero = await this.api.for(callContext(req, viewer.accessToken)).createTenant({
        regionId,
        name: draft.name,
        slug: draft.slug,
        adminEmail: draft.adminEmail,
        ...(draft.contactEmail ? { contactEmail: draft.contactEmail } : {}),
      });
      session(req).set('onboarding', undefined);
      this.pages.keepInvitation(req, lero, { ...lero.invitation, role: 'tenant-admin' });
      await this.pages.redirect(reply, `/regions/${regionId}/onboard/invitation`);
    } catch (err) {
      if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
      // Put the API's objection on the step that asked for the field.
      const errors = new FormErrors();
      if (err.reason === 'SlugTaken') {
        errors.add('slug', `The short name ${draft.slug} is already taken. Choose another`);
      } else if (err.errors.some((e) => e.field === 'adminEmail')) {
        errors.fromApi(err, { adminEmail: 'Email address' }, 'adminEmail');
        return this.renderAdmin(req, reply, region, draft.adminEmail, errors.view(), err.status);
      } else {
        errors.fromApi(err, DETAIL_LABELS, 'name');
      }
      return this.renderDetails(req, reply, region, draft, errors.view(DETAIL_FIELDS), err.status);
    }
  }

  @Get('invitation')
  @SignedIn()
  async invitation(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
  ): Promise<void> {
    const region = await this.region(req, viewer, regionId);
    const invitation = session(req).get('invitation');
    if (!invitation || invitation.role !== 'tenant-admin')
      return this.pages.redirect(reply, `/regions/${regionId}`, 302);
    await this.pages.render(req, reply, 'onboarding/tasks', { region, created: true, invitation, draft: {} });
  }

  /** The region, when this person may onboard LEROs in it. */
  private async region(req: WebRequest, viewer: Viewer, regionId: string): Promise<RegionView> {
    const region = await findRegion(this.api.for(callContext(req, viewer.accessToken)), regionId);
    if (!isPlatformAdmin(viewer) && !regionAdminOf(viewer, regionId)) throw new PageForbidden();
    return region;
  }

  private renderTasks(req: WebRequest, reply: FastifyReply, region: RegionView, draft: OnboardingDraft) {
    return this.pages.render(req, reply, 'onboarding/tasks', {
      region,
      draft,
      detailsDone: !!(draft.name && draft.slug),
      adminDone: !!draft.adminEmail,
    });
  }

  private renderDetails(
    req: WebRequest,
    reply: FastifyReply,
    region: RegionView,
    values: Partial<OnboardingDraft>,
    errors: FormView,
    status = 400,
  ) {
    return this.pages.render(req, reply, 'onboarding/details', { region, values, errors }, status);
  }

  private renderAdmin(
    req: WebRequest,
    reply: FastifyReply,
    region: RegionView,
    adminEmail: string,
    errors: FormView,
    status = 400,
  ) {
    return this.pages.render(
      req,
      reply,
      'onboarding/admin',
      { region, values: { adminEmail }, errors },
      status,
    );
  }
}

/** This region's draft; a draft for another region is not carried over. */
function draftFor(req: WebRequest, regionId: string): OnboardingDraft {
  const draft = session(req).get('onboarding');
  return draft?.regionId === regionId ? draft : { regionId };
}
