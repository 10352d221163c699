import { Inject, Injectable } from '@nestjs/common';
import {
  TenantsClient,
  type PublicCalendarRequest,
  type PublicCalendarView,
  type PublicSessionView,
  type PublicSessionsRequest,
  type PublicSessionsView,
  type RequestContext,
} from '@hearth/contracts';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import { publicProgrammeOf } from '../events-access';
import { SessionsService } from '../sessions/sessions.service';
import type { SessionRow } from '../sessions/session.view';
import { sessionWindow } from '../sessions/session-window.util';
import { calendarFeed } from './calendar-feed.util';
import { locationForPublic } from '../activities/activity.view';

const DAY_MS = 86_400_000;
const MAX_LISTED = 500;
const MAX_IN_FEED = 2000;

const publicView = (r: SessionRow): PublicSessionView => ({
  id: r.id,
  activityId: r.activity_id,
  title: r.title,
  category: r.category,
  description: r.description,
  location: locationForPublic(r.location, r.location_on_request),
  startsAt: new Date(r.starts_at).toISOString(),
  endsAt: new Date(r.ends_at).toISOString(),
  timezone: r.timezone,
  status: r.status,
  capacity: r.capacity,
  placesLeft: r.capacity === null ? null : Math.max(0, r.capacity - Number(r.going)),
});

/**
 * The programme anyone may see, without signing in: public activities of active LEROs only (the tenants
 * service answers for the slug, and only while the LERO is active). Counts of places, never names.
 */
@Injectable()
export class PublicProgrammeService {
  constructor(
    private readonly tenants: TenantsClient,
    private readonly sessions: SessionsService,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
  ) {}

  private now = () => this.options.now?.() ?? new Date();

  async programme(ctx: RequestContext, dto: PublicSessionsRequest): Promise<PublicSessionsView> {
    const lero = await this.tenants.tenantBySlug(ctx, dto.slug);
    const window = sessionWindow(dto, this.now(), { pastDays: 0, days: 92, maxDays: 400 });
    const rows = await this.sessions.rowsIn(publicProgrammeOf(lero), {
      ...window,
      publicOnly: true,
      limit: MAX_LISTED,
    });
    return { lero: { name: lero.name, slug: lero.slug }, items: rows.slice(0, MAX_LISTED).map(publicView) };
  }

  /** The subscribable feed: the last 30 days and the year ahead. */
  async calendar(ctx: RequestContext, dto: PublicCalendarRequest): Promise<PublicCalendarView> {
    const lero = await this.tenants.tenantBySlug(ctx, dto.slug);
    const now = this.now();
    const rows = await this.sessions.rowsIn(publicProgrammeOf(lero), {
      from: new Date(now.getTime() - 30 * DAY_MS),
      to: new Date(now.getTime() + 365 * DAY_MS),
      publicOnly: true,
      limit: MAX_IN_FEED,
    });
    const shown = rows
      .slice(0, MAX_IN_FEED)
      .map((r) => ({ ...r, location: locationForPublic(r.location, r.location_on_request) }));
    return { ics: calendarFeed(shown, { lero, now }) };
  }
}
