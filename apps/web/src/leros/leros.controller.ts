import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { TenantView } from '@hearth/contracts';
import { HearthApi } from '../api/hearth-api';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { PageNotFound } from '../http/web-errors';
import { isPlatformAdmin, regionAdminOf } from '../navigation/navigation';
import { CurrentViewer, SignedIn, SignedInForm } from '../session/guards';
import { callContext } from '../session/session-auth.service';
import { session, type Viewer } from '../session/web-session';
import { availableActions, leroAction } from './lero-actions';
import { invitableRoles, rolesInWords } from './team-roles';

const canManageLifecycle = (viewer: Viewer, lero: TenantView) =>
  isPlatformAdmin(viewer) || regionAdminOf(viewer, lero.regionId);

@WebController('leros')
export class LerosController {
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
    const { items } = await this.api.for(callContext(req, viewer.accessToken)).tenants({ limit: 100 });
    await this.pages.render(req, reply, 'leros/list', { leros: items });
  }

  /** A LERO's home: its details, its team, and (for its region's admins) its lifecycle. */
  @Get(':tenantId')
  @SignedIn()
  async home(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
  ): Promise<void> {
    const calls = this.api.for(callContext(req, viewer.accessToken));
    const lero = await calls.tenant(tenantId);
    const region = canManageLifecycle(viewer, lero)
      ? (await calls.regions()).items.find((r) => r.id === lero.regionId)
      : undefined;
    const inviteRoles = invitableRoles(viewer, lero);
    const actions = canManageLifecycle(viewer, lero)
      ? availableActions(lero.status).map((name) => leroAction(name, lero)!)
      : [];
    await this.pages.render(req, reply, 'leros/home', {
      lero,
      region,
      inviteRoles,
      inviteRoleWords: rolesInWords(inviteRoles),
      actions,
    });
  }

  @Get(':tenantId/:action')
  @SignedIn()
  async confirm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @Param('action') name: string,
  ): Promise<void> {
    const { lero, action } = await this.action(req, viewer, tenantId, name);
    await this.pages.render(req, reply, 'leros/confirm', { lero, action });
  }

  @Post(':tenantId/:action')
  @SignedInForm()
  async change(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @Param('action') name: string,
  ): Promise<void> {
    const { lero, action } = await this.action(req, viewer, tenantId, name);
    const changed = await this.api
      .for(callContext(req, viewer.accessToken))
      .transitionTenant(lero.id, action.transition);
    session(req).set('flash', { success: { title: 'Done', text: `${changed.name} ${action.done}.` } });
    await this.pages.redirect(reply, `/leros/${lero.id}`);
  }

  /** The LERO and the named change, when the change exists for its status and this person may make it. */
  private async action(req: WebRequest, viewer: Viewer, tenantId: string, name: string) {
    const lero = await this.api.for(callContext(req, viewer.accessToken)).tenant(tenantId);
    const action = canManageLifecycle(viewer, lero) ? leroAction(name, lero) : undefined;
    if (!action) throw new PageNotFound();
    return { lero, action };
  }
}
