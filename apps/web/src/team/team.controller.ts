import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { TenantRole, TenantView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, field, type FormView } from '../http/form.util';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { roleRadios } from '../http/role-radios';
import { WebController } from '../http/web-controller';
import { Lero, type LeroPage } from '../http/lero-page';
import { ROLE_CHOICES, breaksGlass, invitableRoles, seesTeam } from './team-roles';
import { leroTeamPage } from './team-page';
import { SignedIn, SignedInForm } from '../http/guards';
import { session, type Viewer } from '../session/web-session';
import { tenantRoleIn } from '../navigation/navigation';

/** Invites someone into the LERO: has a role to offer them there. */
const invites = (viewer: Viewer, lero: TenantView) => invitableRoles(viewer, lero).length > 0;

/** A LERO's team: who holds which role and who is invited, and inviting someone. */
@WebController('leros/:tenantId/team')
export class TeamController {
  constructor(private readonly pages: Pages) {}

  /** Its admins and coordinators see everyone; its region's staff see its admins (never its people). */
  @Get()
  @SignedIn()
  async team(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero(seesTeam) { lero, calls, viewer }: LeroPage,
  ): Promise<void> {
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
    @Lero(invites) { lero, viewer }: LeroPage,
  ): Promise<void> {
    await this.render(req, reply, lero, invitableRoles(viewer, lero), {}, NO_ERRORS);
  }

  @Post('invite')
  @SignedInForm()
  async invite(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero(invites) { lero, calls, viewer }: LeroPage,
  ): Promise<void> {
    const roles = invitableRoles(viewer, lero);
    const email = field(req.body, 'email');
    const role = field(req.body, 'role') as TenantRole;
    const errors = new FormErrors();
    errors.email('email', email, 'Enter their email address');
    if (!roles.includes(role)) errors.add('role', 'Select what they will do');
    let status = 400;
    if (errors.ok) {
      try {
        const invitation = await calls.inviteToTenant(lero.id, { email, role });
        this.pages.keepInvitation(req, lero, invitation);
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
