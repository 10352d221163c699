import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  COMMUNITY_ROLES,
  MEMBER_STATUSES,
  type CommunityRole,
  type MemberStatus,
  type MemberView,
} from '@hearth/contracts';
import { SignedIn } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { roleChoices, rolesInWords } from './member-form';

const PAGE_SIZE = 25;
const STATUS_FILTERS = ['active', 'left', 'all'] as const;

/** A LERO's people, for its admins and coordinators: find them by name, role and whether they have left. */
@WebController('leros/:tenantId/members')
export class MemberListController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero, calls }: LeroPage,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const text = (name: string, max: number) => {
      const value = query[name];
      return typeof value === 'string' ? value.trim().slice(0, max) : '';
    };
    const search = text('q', 100);
    const role = (COMMUNITY_ROLES as readonly string[]).includes(text('role', 20)) ? text('role', 20) : '';
    const statusFilter = (STATUS_FILTERS as readonly string[]).includes(text('status', 10))
      ? text('status', 10)
      : 'active';
    const cursor = text('cursor', 200);
    const page = await calls.members(lero.id, {
      search: search || undefined,
      communityRole: (role || undefined) as CommunityRole | undefined,
      status: (MEMBER_STATUSES as readonly string[]).includes(statusFilter)
        ? (statusFilter as MemberStatus)
        : undefined,
      limit: PAGE_SIZE,
      cursor: cursor || undefined,
    });
    const filters = new URLSearchParams({
      ...(search ? { q: search } : {}),
      ...(role ? { role } : {}),
      ...(statusFilter !== 'active' ? { status: statusFilter } : {}),
    });
    const base = `/leros/${lero.id}/members`;
    const withFilters = (extra: Record<string, string> = {}) => {
      const params = new URLSearchParams(filters);
      for (const [k, v] of Object.entries(extra)) params.set(k, v);
      const qs = params.toString();
      return qs ? `${base}?${qs}` : base;
    };
    await this.pages.render(req, reply, 'members/list', {
      lero,
      members: (page.items as MemberView[]).map((m) => ({
        id: m.id,
        displayName: m.displayName,
        roles: rolesInWords(m.communityRoles),
        left: m.status === 'left',
      })),
      filter: { q: search, role, status: statusFilter },
      filtered: !!(search || role || statusFilter !== 'active'),
      roleOptions: [
        { value: '', text: 'Any role', selected: role === '' },
        ...roleChoices().map((r) => ({ ...r, selected: r.value === role })),
      ],
      statusOptions: [
        { value: 'active', text: 'Current members', selected: statusFilter === 'active' },
        { value: 'left', text: 'People who have left', selected: statusFilter === 'left' },
        { value: 'all', text: 'Everyone', selected: statusFilter === 'all' },
      ],
      nextHref: page.nextCursor ? withFilters({ cursor: page.nextCursor }) : undefined,
      firstHref: cursor ? withFilters() : undefined,
      clearHref: base,
    });
  }
}
