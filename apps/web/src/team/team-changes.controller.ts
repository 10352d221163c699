import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HearthApi } from '../api/hearth-api';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { PageForbidden, PageNotFound } from '../http/web-errors';
import { isPlatformAdmin } from '../navigation/navigation';
import { CurrentViewer, SignedIn, SignedInForm } from '../http/guards';
import { callContext } from '../session/session-auth.service';
import { session, type Viewer } from '../session/web-session';
import {
  aRole,
  accountStatusConfirmation,
  cancelConfirmation,
  changeAccountStatus,
  findAccount,
  findInvitation,
  isAccountChange,
  removeRoleConfirmation,
} from './team-confirmations';
import { teamPlace } from './team-place';

type Params = Record<string, string | undefined>;

/**
 * Changes to a team, a LERO's or a region's, each after a confirmation page: a role taken away (or given
 * up), an invitation cancelled, an account disabled or enabled (platform admins).
 */
@WebController(['leros/:tenantId/team', 'regions/:regionId/team'])
export class TeamChangesController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  @Get(':accountId/roles/:role/remove')
  @SignedIn()
  async confirmRemove(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @Param() params: Params,
    @uuidParam('accountId') accountId: string,
  ): Promise<void> {
    const { place, who, role } = await this.removal(req, viewer, params, accountId);
    await this.pages.render(req, reply, 'confirm', {
      confirm: removeRoleConfirmation(
        place.name,
        who,
        role,
        `${place.base}/${accountId}/roles/${role}/remove`,
        place.seesTeam ? place.base : '/account',
      ),
    });
  }

  @Post(':accountId/roles/:role/remove')
  @SignedInForm()
  async remove(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @Param() params: Params,
    @uuidParam('accountId') accountId: string,
  ): Promise<void> {
    const { place, who, role } = await this.removal(req, viewer, params, accountId);
    await place.removeRole(accountId, role);
    session(req).set('flash', {
      success: who.self
        ? { title: 'Role given up', text: `You are no longer ${aRole(role)} at ${place.name}.` }
        : { title: 'Role removed', text: `${who.name} is no longer ${aRole(role)} at ${place.name}.` },
    });
    // Someone who gave up their own role may not see the team any more (their next token lacks it).
    await this.pages.redirect(reply, who.self ? '/account' : place.base);
  }

  @Get('invitations/:invitationId/cancel')
  @SignedIn()
  async confirmCancel(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @Param() params: Params,
    @uuidParam('invitationId') invitationId: string,
  ): Promise<void> {
    const { place, invitation } = await this.invitation(req, viewer, params, invitationId);
    const action = `${place.base}/invitations/${invitation.id}/cancel`;
    await this.pages.render(req, reply, 'confirm', {
      confirm: cancelConfirmation(place.name, invitation, action, place.base),
    });
  }

  @Post('invitations/:invitationId/cancel')
  @SignedInForm()
  async cancel(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @Param() params: Params,
    @uuidParam('invitationId') invitationId: string,
  ): Promise<void> {
    const { place, invitation } = await this.invitation(req, viewer, params, invitationId);
    await this.api.for(callContext(req, viewer.accessToken)).cancelInvitation(invitation.id);
    session(req).set('flash', {
      success: { title: 'Invitation cancelled', text: `The link for ${invitation.email} no longer works.` },
    });
    await this.pages.redirect(reply, place.base);
  }

  @Get(':accountId/:change')
  @SignedIn()
  async confirmStatus(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @Param() params: Params,
    @uuidParam('accountId') accountId: string,
  ): Promise<void> {
    const { place, account, change } = await this.statusChange(req, viewer, params, accountId);
    const action = `${place.base}/${accountId}/${change}`;
    await this.pages.render(req, reply, 'confirm', {
      confirm: accountStatusConfirmation(change, account, action, place.base),
    });
  }

  @Post(':accountId/:change')
  @SignedInForm()
  async changeStatus(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @Param() params: Params,
    @uuidParam('accountId') accountId: string,
  ): Promise<void> {
    const { place, account, change } = await this.statusChange(req, viewer, params, accountId);
    const calls = this.api.for(callContext(req, viewer.accessToken));
    session(req).set('flash', { success: await changeAccountStatus(calls, change, account) });
    await this.pages.redirect(reply, place.base);
  }

  private place(req: WebRequest, viewer: Viewer, params: Params) {
    return teamPlace(this.api.for(callContext(req, viewer.accessToken)), viewer, params);
  }

  /** Whose role, when this person may take it away (their own, or as the place's rules allow). */
  private async removal(req: WebRequest, viewer: Viewer, params: Params, accountId: string) {
    const role = params.role ?? '';
    const place = await this.place(req, viewer, params);
    if (!place.roles.includes(role)) throw new PageNotFound();
    if (!place.mayRemove(accountId, role)) throw new PageForbidden();
    if (accountId === viewer.accountId) {
      if (!place.holds(role)) throw new PageNotFound();
      return { place, role, who: { name: viewer.displayName, self: true } };
    }
    const account = findAccount((await place.team()).accounts, accountId);
    if (!account.roles.some((r) => r.role === role)) throw new PageNotFound();
    return { place, role, who: { name: account.displayName, self: false } };
  }

  private async invitation(req: WebRequest, viewer: Viewer, params: Params, invitationId: string) {
    const place = await this.place(req, viewer, params);
    if (!place.seesTeam) throw new PageForbidden();
    const invitation = findInvitation((await place.team()).invitations, invitationId);
    if (!place.mayCancel(invitation)) throw new PageForbidden();
    return { place, invitation };
  }

  private async statusChange(req: WebRequest, viewer: Viewer, params: Params, accountId: string) {
    const change = params.change ?? '';
    if (!isAccountChange(change)) throw new PageNotFound();
    if (!isPlatformAdmin(viewer)) throw new PageForbidden();
    const place = await this.place(req, viewer, params);
    if (!place.seesTeam) throw new PageForbidden();
    return { place, change, account: findAccount((await place.team()).accounts, accountId) };
  }
}
