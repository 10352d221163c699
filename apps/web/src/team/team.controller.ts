import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { TenantRole, TenantView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { FormErrors, NO_ERRORS, field, isEmail, type FormView } from '../http/form.util';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { roleRadios } from '../http/role-radios';
import { WebController } from '../http/web-controller';
import { PageForbidden } from '../http/web-errors';
import { ROLE_CHOICES, breaksGlass, invitableRoles, seesTeam } from './team-roles';
import { leroTeamPage } from './team-page';
import { CurrentViewer, SignedIn, SignedInForm } from '../http/guards';
import { callContext } from '../session/session-auth.service';
import { session, type Viewer } from '../session/web-session';
import { tenantRoleIn } from '../navigation/navigation';

/** A LERO's team: who holds which role and who is invited, and inviting someone. */
@WebController('leros/:tenantId/team')
export class TeamController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  /** Its admins and coordinators see everyone; its region's staff see its admins (never its people). */
  @Get()
  @SignedIn()
  async team(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
  ): Promise<void> {
    const calls = this.api.for(callContext(req, viewer.accessToken));
    const lero = await calls.tenant(tenantId);
    if (!seesTeam(viewer, lero)) throw new PageForbidden();
    const team = await calls.tenantTeam(lero.id);
    const ownStaff = ['tenant-admin', 'coordinator'].includes(tenantRoleIn(viewer, lero.id) ?? '');
    const locked = !team.hasEnabledAdmin && breaksGlass(viewer, lero);
    await this.pages.render(req, reply, 'team/team', {
      place: lero.name,
      backHref: `/leros/${lero.id}`,
      note: ownStaff ? undefined : `You see ${lero.name}’s admins only: its people are its own.`,
      noAdmin: locked
        ? `${lero.name} has no admin who can sign in. You can appoint one: its contact is told first, and it takes effect after the notice period.`
        : undefined,
      inviteHref: invitableRoles(viewer, lero).length ? `/leros/${lero.id}/team/invite` : undefined,
      appointHref: locked ? `/leros/${lero.id}/team/appoint` : undefined,
      ...leroTeamPage(viewer, lero, team),
    });
  }

  @Get('invite')
  @SignedIn()
  async form(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
  ): Promise<void> {
    const { lero, roles } = await this.lero(req, viewer, tenantId);
    await this.render(req, reply, lero, roles, {}, NO_ERRORS);
  }

  @Post('invite')
  @SignedInForm()
  async invite(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
  ): Promise<void> {
    const { lero, roles } = await this.lero(req, viewer, tenantId);
    const email = field(req.body, 'email');
    const role = field(req.body, 'role') as TenantRole;
    const errors = new FormErrors();
    if (!email) errors.add('email', 'Enter their email address');
    else if (!isEmail(email))
      errors.add('email', 'Enter an email address in the correct format, like name@example.org');
    if (!roles.includes(role)) errors.add('role', 'Select what they will do');
    let status = 400;
    if (errors.ok) {
      try {
        const invitation = await this.api
          .for(callContext(req, viewer.accessToken))
          .inviteToTenant(lero.id, { email, role });
        session(req).set('invitation', {
          placeId: lero.id,
          placeName: lero.name,
          email: invitation.email,
          role: invitation.role,
          url: `${this.pages.origin(req)}/invitations/accept?token=${encodeURIComponent(invitation.token)}`,
          expiresAt: invitation.expiresAt,
        });
        return this.pages.redirect(reply, `/leros/${lero.id}/team/invitation`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        status = err.status;
        errors.fromApi(err, { email: 'Email address', role: 'Role' }, 'email');
      }
    }
    await this.render(req, reply, lero, roles, { email, role }, errors.view(['email', 'role']), status);
  }

  /** The link just created, shown once after the redirect. */
  @Get('invitation')
  @SignedIn()
  async invitation(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @uuidParam('tenantId') tenantId: string,
  ): Promise<void> {
    const invitation = session(req).get('invitation');
    if (!invitation || invitation.placeId !== tenantId)
      return this.pages.redirect(reply, `/leros/${tenantId}`, 302);
    const roleName = ROLE_CHOICES[invitation.role as TenantRole]?.text.toLowerCase() ?? invitation.role;
    await this.pages.render(req, reply, 'invitation', {
      invitation,
      roleName,
      againHref: `/leros/${tenantId}/team/invite`,
      backHref: `/leros/${tenantId}`,
    });
  }

  private async lero(req: WebRequest, viewer: Viewer, tenantId: string) {
    const lero = await this.api.for(callContext(req, viewer.accessToken)).tenant(tenantId);
    const roles = invitableRoles(viewer, lero);
    if (roles.length === 0) throw new PageForbidden();
    return { lero, roles };
  }

  private render(
    req: WebRequest,
    reply: FastifyReply,
    lero: TenantView,
    roles: TenantRole[],
    values: { email?: string; role?: string },
    errors: FormView,
    status = 200,
  ) {
    const roleItems = roleRadios(roles, ROLE_CHOICES, values.role);
    return this.pages.render(
      req,
      reply,
      'invite',
      {
        caption: lero.name,
        action: `/leros/${lero.id}/team/invite`,
        backHref: `/leros/${lero.id}/team`,
        backText: `Back to ${lero.name}’s team`,
        roleItems,
        values,
        errors,
      },
      status,
    );
  }
}
