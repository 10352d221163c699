import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SLUG_PATTERN, type MemberView, type TenantView } from '@hearth/contracts';
import { HearthApi, type HearthApiCalls } from '../api/hearth-api';
import { Pages, type WebRequest } from '../http/pages';
import { daysFromToday, startOfToday } from '../http/time';
import { Lero, type LeroPage } from '../http/lero-page';
import { WebController } from '../http/web-controller';
import { NotSignedIn, PageNotFound } from '../http/web-errors';
import { rolesInWords as communityRolesInWords } from '../members/member-form';
import {
  isPlatformAdmin,
  isStaffOf,
  keepsRegisterOf,
  memberIdIn,
  regionAdminOf,
  tenantIdsOf,
} from '../navigation/navigation';
import { ownRsvps } from '../programme/own-rsvps';
import { byDay, sessionCard } from '../programme/session-card';
import { publicSessionCard } from '../public/public-session';
import { publicRoleCard } from '../public/public-role';
import { PublicVolunteeringApi } from '../api/public-volunteering-api';
import { CurrentViewer, SignedIn, SignedInForm } from '../http/guards';
import { SessionAuthService, callContext } from '../session/session-auth.service';
import { session, type Viewer } from '../session/web-session';
import { availableActions, leroAction } from './lero-actions';
import { administers } from './lero-data.controller';
import { breaksGlass, invitableRoles, rolesInWords, seesTeam } from '../team/team-roles';

const canManageLifecycle = (viewer: Viewer, lero: TenantView) =>
  isPlatformAdmin(viewer) || regionAdminOf(viewer, lero.regionId);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The home lists the newest members; the API lists oldest first, so it reads at most this many pages. */
const RECENT_MEMBER_PAGES = 5;
const RECENT_MEMBERS = 5;

@WebController('leros')
export class LerosController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
    private readonly auth: SessionAuthService,
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

  /**
   * `/leros/{id}` is a LERO's home (signed in); `/leros/{slug}` its public page (anyone). A LERO's home shows
   * what its grants reach: this week's sessions, recent members, its team and (for its region) its lifecycle.
   */
  @Get(':idOrSlug')
  async home(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Param('idOrSlug') idOrSlug: string,
  ): Promise<void> {
    if (!UUID.test(idOrSlug)) return this.publicPage(req, reply, idOrSlug);
    const viewer = await this.auth.viewer(req);
    if (!viewer) throw new NotSignedIn();
    req.viewer = viewer;
    const calls = this.api.for(callContext(req, viewer.accessToken));
    const lero = await calls.tenant(idOrSlug);
    const region = canManageLifecycle(viewer, lero)
      ? (await calls.regions()).items.find((r) => r.id === lero.regionId)
      : undefined;
    const inviteRoles = invitableRoles(viewer, lero);
    // Region staff are told when the LERO has no admin who can sign in (and may appoint one).
    const locked =
      breaksGlass(viewer, lero) && !tenantIdsOf(viewer).includes(lero.id)
        ? !(await calls.tenantTeam(lero.id)).hasEnabledAdmin
        : false;
    const actions = canManageLifecycle(viewer, lero)
      ? availableActions(lero.status).map((name) => leroAction(name, lero)!)
      : [];
    const inside = tenantIdsOf(viewer).includes(lero.id) && lero.status !== 'archived';
    const staff = inside && isStaffOf(viewer, lero.id);
    const keepsRegister = inside && keepsRegisterOf(viewer, lero.id);
    const memberId = inside ? memberIdIn(viewer, lero.id) : undefined;
    const [week, recent] = await Promise.all([
      inside
        ? calls.sessions(lero.id, { from: startOfToday(), to: daysFromToday(7), limit: 100 })
        : undefined,
      staff ? recentMembers(calls, lero.id) : undefined,
    ]);
    const mine = week && memberId ? await ownRsvps(calls, lero.id, week.items, memberId) : new Map();
    await this.pages.render(req, reply, 'leros/home', {
      lero,
      region,
      inviteRoles,
      inviteRoleWords: rolesInWords(inviteRoles),
      teamHref: seesTeam(viewer, lero) ? `/leros/${lero.id}/team` : undefined,
      appointHref: locked ? `/leros/${lero.id}/team/appoint` : undefined,
      dataHref: inside && administers(viewer, lero) ? `/leros/${lero.id}/data` : undefined,
      settingsHref: inside && administers(viewer, lero) ? `/leros/${lero.id}/settings` : undefined,
      actions,
      inside,
      staff,
      keepsRegister,
      memberId,
      week: week ? byDay(week.items.map((s) => ({ ...sessionCard(s), rsvp: mine.get(s.id) }))) : undefined,
      recent,
    });
  }

  /** What a LERO runs that anyone may come to, and its calendar feed to subscribe to. */
  @Get(':slug/calendar.ics')
  async calendar(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Param('slug') slug: string,
  ): Promise<void> {
    if (!isSlug(slug)) throw new PageNotFound();
    const ics = await this.api.for(callContext(req)).publicCalendar(slug);
    await reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="${slug}.ics"`)
      .header('cache-control', 'public, max-age=900')
      .send(ics);
  }

  private async publicPage(req: WebRequest, reply: FastifyReply, slug: string): Promise<void> {
    if (!isSlug(slug)) throw new PageNotFound();
    // Signed in or not, the page is the same; a signed-in person also gets their navigation.
    req.viewer = await this.auth.viewer(req).catch(() => undefined);
    const [programme, volunteering] = await Promise.all([
      this.api.for(callContext(req)).publicSessions(slug),
      new PublicVolunteeringApi(this.api, callContext(req)).roles(slug),
    ]);
    const feed = `${this.pages.origin(req)}/leros/${encodeURIComponent(slug)}/calendar.ics`;
    await this.pages.render(req, reply, 'public/lero', {
      lero: programme.lero,
      days: byDay(programme.items.map((s) => publicSessionCard(s))),
      roles: volunteering.items.map(publicRoleCard),
      calendar: { https: feed, webcal: feed.replace(/^https?:/, 'webcal:') },
    });
  }

  @Get(':tenantId/:action')
  @SignedIn()
  async confirm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero() page: LeroPage,
    @Param('action') name: string,
  ): Promise<void> {
    const { lero, action } = lifecycleAction(page, name);
    await this.pages.render(req, reply, 'leros/confirm', { lero, action });
  }

  @Post(':tenantId/:action')
  @SignedInForm()
  async change(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero() page: LeroPage,
    @Param('action') name: string,
  ): Promise<void> {
    const { lero, action } = lifecycleAction(page, name);
    const changed = await page.calls.transitionTenant(lero.id, action.transition);
    session(req).set('flash', { success: { title: 'Done', text: `${changed.name} ${action.done}.` } });
    await this.pages.redirect(reply, `/leros/${lero.id}`);
  }
}

/** The LERO and the named change, when the change exists for its status and this person may make it. */
function lifecycleAction({ lero, viewer }: LeroPage, name: string) {
  const action = canManageLifecycle(viewer, lero) ? leroAction(name, lero) : undefined;
  if (!action) throw new PageNotFound();
  return { lero, action };
}

const isSlug = (value: string) => value.length >= 2 && value.length <= 60 && SLUG_PATTERN.test(value);

/**
 * The newest members (the API lists members oldest first): the last page's last few, when the LERO has at
 * most RECENT_MEMBER_PAGES pages; undefined beyond that (the home then just links to the search).
 */
async function recentMembers(
  calls: HearthApiCalls,
  tenantId: string,
): Promise<{ id: string; displayName: string; roles: string }[] | undefined> {
  let cursor: string | undefined;
  let last: MemberView[] = [];
  for (let page = 0; page < RECENT_MEMBER_PAGES; page++) {
    const result = await calls.members(tenantId, { status: 'active', limit: 100, cursor });
    if (result.items.length) last = [...last, ...(result.items as MemberView[])].slice(-RECENT_MEMBERS);
    if (!result.nextCursor) {
      return last.reverse().map((m) => ({
        id: m.id,
        displayName: m.displayName,
        roles: communityRolesInWords(m.communityRoles),
      }));
    }
    cursor = result.nextCursor;
  }
  return undefined;
}
