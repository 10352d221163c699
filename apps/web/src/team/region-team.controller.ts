import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { REGION_ROLES, type RegionRole, type RegionView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { FormErrors, NO_ERRORS, field, type FormView } from '../http/form.util';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { roleRadios } from '../http/role-radios';
import { WebController } from '../http/web-controller';
import { PageForbidden } from '../http/web-errors';
import { isPlatformAdmin, regionAdminOf } from '../navigation/navigation';
import { CurrentViewer, SignedIn, SignedInForm } from '../http/guards';
import { callContext } from '../session/session-auth.service';
import { session, type Viewer } from '../session/web-session';
import { findRegion } from '../regions/find-region';
import { regionTeamPage } from './region-team';

export const REGION_ROLE_CHOICES: Record<RegionRole, { text: string; hint: string }> = {
  'region-admin': { text: 'Region admin', hint: 'Onboards, suspends and archives the region’s LEROs' },
  commissioner: { text: 'Commissioner', hint: 'Reads the region’s anonymised reports, and nothing else' },
  'directory-curator': {
    text: 'Directory curator',
    hint: 'Curates the region’s resource directory and LEROs’ suggestions, and nothing else',
  },
};

/** A region's team (its admins and commissioners), and appointing them: an invitation link to copy. */
@WebController('regions/:regionId')
export class RegionTeamController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  @Get('team')
  @SignedIn()
  async team(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
  ): Promise<void> {
    const region = await this.region(req, viewer, regionId);
    const team = await this.api.for(callContext(req, viewer.accessToken)).regionTeam(region.id);
    await this.pages.render(req, reply, 'team/team', {
      place: region.name,
      backHref: `/regions/${region.id}`,
      inviteHref: `/regions/${region.id}/invite`,
      ...regionTeamPage(viewer, team),
    });
  }

  @Get('invite')
  @SignedIn()
  async form(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
  ): Promise<void> {
    const region = await this.region(req, viewer, regionId);
    await this.render(req, reply, region, {}, NO_ERRORS);
  }

  @Post('invite')
  @SignedInForm()
  async invite(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
  ): Promise<void> {
    const region = await this.region(req, viewer, regionId);
    const email = field(req.body, 'email');
    const role = field(req.body, 'role') as RegionRole;
    const errors = new FormErrors();
    errors.email('email', email, 'Enter their email address');
    if (!REGION_ROLES.includes(role)) errors.add('role', 'Select what they will do');
    let status = 400;
    if (errors.ok) {
      try {
        const invitation = await this.api
          .for(callContext(req, viewer.accessToken))
          .inviteToRegion(region.id, { email, role });
        this.pages.keepInvitation(req, { id: region.id, name: `the ${region.name} region` }, invitation);
        return this.pages.redirect(reply, `/regions/${region.id}/invitation`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        status = err.status;
        errors.fromApi(err, { email: 'Email address', role: 'Role' }, 'email');
      }
    }
    await this.render(req, reply, region, { email, role }, errors.view(['email', 'role']), status);
  }

  /** The link just created, shown once after the redirect. */
  @Get('invitation')
  @SignedIn()
  async invitation(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @uuidParam('regionId') regionId: string,
  ): Promise<void> {
    const invitation = session(req).get('invitation');
    if (!invitation || invitation.placeId !== regionId)
      return this.pages.redirect(reply, `/regions/${regionId}`, 302);
    const roleName =
      REGION_ROLE_CHOICES[invitation.role as RegionRole]?.text.toLowerCase() ?? invitation.role;
    await this.pages.render(req, reply, 'invitation', {
      invitation,
      roleName,
      againHref: `/regions/${regionId}/invite`,
      backHref: `/regions/${regionId}`,
    });
  }

  /** The region, when this person may appoint its people (the platform admin or its own admins). */
  private async region(req: WebRequest, viewer: Viewer, regionId: string): Promise<RegionView> {
    const region = await findRegion(this.api.for(callContext(req, viewer.accessToken)), regionId);
    if (!isPlatformAdmin(viewer) && !regionAdminOf(viewer, regionId)) throw new PageForbidden();
    return region;
  }

  private render(
    req: WebRequest,
    reply: FastifyReply,
    region: RegionView,
    values: { email?: string; role?: string },
    errors: FormView,
    status = 200,
  ) {
    return this.pages.render(
      req,
      reply,
      'invite',
      {
        caption: region.name,
        action: `/regions/${region.id}/invite`,
        backHref: `/regions/${region.id}`,
        backText: `Back to ${region.name}`,
        roleItems: roleRadios(REGION_ROLES, REGION_ROLE_CHOICES, values.role),
        values,
        errors,
      },
      status,
    );
  }
}
