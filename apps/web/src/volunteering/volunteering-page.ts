import { Injectable, type PipeTransform } from '@nestjs/common';
import type { ShiftOccurrenceView, ShiftView } from '@hearth/contracts';
import { HearthApi } from '../api/hearth-api';
import { VolunteeringApi } from '../api/volunteering-api';
import { leroPage, pageLookup, type LeroPage, type LeroRule, type PageLookup } from '../http/lero-page';
import { pathUuid } from '../http/params';
import { clockTime, longDate } from '../http/time';
import { isStaffOf, memberIdIn, volunteeringPath } from '../navigation/navigation';
import { describeSchedule } from '../programme/recurrence';
import { callContext } from '../session/session-auth.service';

/** A LERO's volunteering page: the LERO as the viewer sees it, the volunteering API as them, and their standing. */
export interface VolunteeringPage extends LeroPage {
  vol: VolunteeringApi;
  /** Its admins and coordinators run volunteering; everyone else reads the open roles. */
  staff: boolean;
  /** `/leros/{id}/volunteering`. */
  base: string;
}

@Injectable()
export class VolunteeringPagePipe implements PipeTransform<PageLookup, Promise<VolunteeringPage>> {
  constructor(private readonly api: HearthApi) {}

  async transform({ req, rule }: PageLookup): Promise<VolunteeringPage> {
    const page = await leroPage(this.api, req, await pathUuid(req.params, 'tenantId'), rule);
    return {
      ...page,
      vol: new VolunteeringApi(this.api, callContext(req, page.viewer.accessToken)),
      staff: isStaffOf(page.viewer, page.lero.id),
      base: volunteeringPath(page.lero.id),
    };
  }
}

/** `@Volunteering('staff') page: VolunteeringPage`: as `@Lero(rule)`, with the volunteering API. */
export const Volunteering = (rule: LeroRule = 'team'): ParameterDecorator =>
  pageLookup(rule, VolunteeringPagePipe);

/**
 * The member record the viewer signs up as: their linked record, when its community roles include volunteer
 * (membership's `/me`); the service decides again at every sign-up.
 */
export async function volunteerMemberId(page: LeroPage): Promise<string | undefined> {
  const memberId = memberIdIn(page.viewer, page.lero.id);
  if (!memberId) return undefined;
  const me = await page.calls.myMember(page.lero.id).catch(() => undefined);
  return me?.communityRoles.includes('volunteer') && me.status === 'active' ? memberId : undefined;
}

/** An occurrence as lists show it; `date` is its local date in the shift's zone (the API's instants carry its offset). */
export const occurrenceCard = (o: ShiftOccurrenceView, timezone: string) => ({
  date: o.startsAt.slice(0, 10),
  day: longDate(o.startsAt, timezone),
  time: `${clockTime(o.startsAt, timezone)} to ${clockTime(o.endsAt, timezone)}`,
});

/** A shift as lists show it: when in words, where, how many, and its next dates. */
export const shiftCard = (s: ShiftView) => {
  const when = describeSchedule(s);
  return {
    id: s.id,
    when: when.when,
    detail: when.detail,
    place: s.place,
    capacity: s.capacity,
    cancelled: s.status === 'cancelled',
    cancelReason: s.cancelReason,
    next: s.next.map((o) => occurrenceCard(o, s.timezone)),
  };
};

/** "A training" / "a check", for what a role needs. */
export const KIND_WORDS = { training: 'Training', check: 'Check' } as const;

/**
 * A list's "Next page" (the API's `nextCursor` as `?cursor=`) and, past the first page, "First page" — the
 * members page's way of paging (ADR 0059).
 */
export const pager = (path: string, nextCursor: string | null | undefined, cursor: string | undefined) => ({
  nextHref: nextCursor ? `${path}?${new URLSearchParams({ cursor: nextCursor }).toString()}` : undefined,
  firstHref: cursor ? path : undefined,
});

/** Asks one by one for each wanted id a list did not answer; those that cannot be read (gone, hidden) stay out. */
async function fillIn(
  found: Map<string, string>,
  wanted: Set<string>,
  one: (id: string) => Promise<string>,
): Promise<Map<string, string>> {
  const rest = [...wanted].filter((id) => !found.has(id));
  await Promise.all(
    rest.map((id) =>
      one(id).then(
        (v) => found.set(id, v),
        () => undefined,
      ),
    ),
  );
  return found;
}

/**
 * The names of these members, asked of membership as the viewer (staff) for this page and never kept: the LERO's
 * volunteers in one call, anyone else (no longer a volunteer, or past the first 100) one by one.
 */
export async function memberNames(page: LeroPage, memberIds: string[]): Promise<Map<string, string>> {
  const wanted = new Set(memberIds);
  const names = new Map<string, string>();
  if (wanted.size === 0) return names;
  const list = await page.calls.members(page.lero.id, {
    communityRole: 'volunteer',
    sort: 'name',
    limit: 100,
  });
  for (const m of list.items) if (wanted.has(m.id)) names.set(m.id, m.displayName);
  return fillIn(names, wanted, async (id) => (await page.calls.member(page.lero.id, id)).displayName);
}

/** The titles of these roles as the viewer sees them (a volunteer: open ones); roles they cannot see are left out. */
export async function roleTitles(page: VolunteeringPage, roleIds: string[]): Promise<Map<string, string>> {
  const wanted = new Set(roleIds);
  const titles = new Map<string, string>();
  if (wanted.size === 0) return titles;
  for (const r of (await page.vol.roles(page.lero.id)).items) if (wanted.has(r.id)) titles.set(r.id, r.title);
  return fillIn(titles, wanted, async (id) => (await page.vol.role(page.lero.id, id)).title);
}
