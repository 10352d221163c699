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
