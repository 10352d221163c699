import {
  COMMUNITY_ROLES,
  MEMBER_SORTS,
  MEMBER_STATUSES,
  type CommunityRole,
  type ListMembersQuery,
  type MemberSort,
  type MemberStatus,
} from '@hearth/contracts';

export const STATUS_FILTERS = ['active', 'left', 'all'] as const;
/** The page lists people by name unless asked for join order. */
export const DEFAULT_SORT: MemberSort = 'name';

/** What the members page was asked for (`?q=&role=&status=&sort=&cursor=`), each value checked. */
export interface MemberListFilters {
  search: string;
  role: string;
  status: (typeof STATUS_FILTERS)[number];
  sort: MemberSort;
  cursor: string;
}

export function memberListFilters(query: Record<string, unknown>): MemberListFilters {
  const text = (name: string, max: number) => {
    const value = query[name];
    return typeof value === 'string' ? value.trim().slice(0, max) : '';
  };
  const oneOf = <T extends string>(values: readonly T[], value: string, fallback: T): T =>
    (values as readonly string[]).includes(value) ? (value as T) : fallback;
  return {
    search: text('q', 100),
    role: oneOf([...COMMUNITY_ROLES, ''], text('role', 20), ''),
    status: oneOf(STATUS_FILTERS, text('status', 10), 'active'),
    sort: oneOf(MEMBER_SORTS, text('sort', 10), DEFAULT_SORT),
    cursor: text('cursor', 200),
  };
}

/** The API's query for these filters (the list's and its exports'). */
export const apiQuery = (f: MemberListFilters): ListMembersQuery => ({
  search: f.search || undefined,
  communityRole: (f.role || undefined) as CommunityRole | undefined,
  status: (MEMBER_STATUSES as readonly string[]).includes(f.status) ? (f.status as MemberStatus) : undefined,
  sort: f.sort,
});

/** The filters as a page's query string, leaving out what is the default (and the cursor). */
export const filterParams = (f: MemberListFilters) =>
  new URLSearchParams({
    ...(f.search ? { q: f.search } : {}),
    ...(f.role ? { role: f.role } : {}),
    ...(f.status !== 'active' ? { status: f.status } : {}),
    ...(f.sort !== DEFAULT_SORT ? { sort: f.sort } : {}),
  });
