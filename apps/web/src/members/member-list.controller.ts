import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { MemberView } from '@hearth/contracts';
import { SignedIn } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { roleChoices, rolesInWords } from './member-form';
import { DEFAULT_SORT, apiQuery, filterParams, memberListFilters } from './member-list-query';

const PAGE_SIZE = 25;

/**
 * A LERO's people, for its admins and coordinators: find them by name, role and whether they have left, in
 * name or join order, and download the list as a spreadsheet.
 */
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
    const filter = memberListFilters(query);
    const page = await calls.members(lero.id, {
      ...apiQuery(filter),
      limit: PAGE_SIZE,
      cursor: filter.cursor || undefined,
    });
    const filters = filterParams(filter);
    const base = `/leros/${lero.id}/members`;
    const withFilters = (extra: Record<string, string> = {}, path = base) => {
      const params = new URLSearchParams(filters);
      for (const [k, v] of Object.entries(extra)) params.set(k, v);
      const qs = params.toString();
      return qs ? `${path}?${qs}` : path;
    };
    const filtered = !!(filter.search || filter.role || filter.status !== 'active');
    await this.pages.render(req, reply, 'members/list', {
      lero,
      members: (page.items as MemberView[]).map((m) => ({
        id: m.id,
        displayName: m.displayName,
        roles: rolesInWords(m.communityRoles),
        left: m.status === 'left',
      })),
      filter: { q: filter.search, role: filter.role, status: filter.status },
      filtered,
      roleOptions: [
        { value: '', text: 'Any role', selected: filter.role === '' },
        ...roleChoices().map((r) => ({ ...r, selected: r.value === filter.role })),
      ],
      statusOptions: [
        { value: 'active', text: 'Current members', selected: filter.status === 'active' },
        { value: 'left', text: 'People who have left', selected: filter.status === 'left' },
        { value: 'all', text: 'Everyone', selected: filter.status === 'all' },
      ],
      sortOptions: [
        { value: 'name', text: 'Name, A to Z', selected: filter.sort === 'name' },
        { value: 'joined', text: 'When they joined', selected: filter.sort === 'joined' },
      ],
      downloads: {
        csv: withFilters({}, `${base}.csv`),
        xlsx: withFilters({}, `${base}.xlsx`),
      },
      nextHref: page.nextCursor ? withFilters({ cursor: page.nextCursor }) : undefined,
      firstHref: filter.cursor ? withFilters() : undefined,
      clearHref: base,
      sortedByName: filter.sort === DEFAULT_SORT,
    });
  }
}
