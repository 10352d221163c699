import type { RequestContext } from '../envelope';
import type { Requester } from '../requester';
import type { Page } from '../paging';
import { LERO_EXPORT_PAGE_TIMEOUT_MS, type LeroExportPage } from '../lero-export';
import type { EventsExportPart } from './lero-export.dto';
import { EventsSubjects as S } from './subjects';
import type {
  ActivityTransition,
  ActivityView,
  CreateActivityDto,
  ListActivitiesQuery,
  UpdateActivityDto,
} from './activity.dto';
import type { CancelSessionDto, ListSessionsQuery, SessionPage, SessionView } from './session.dto';
import type {
  AttendanceView,
  CheckInView,
  MemberRefDto,
  RegisterCountsView,
  RegisterEntryDto,
  RegisterEntryView,
  RsvpListView,
  RsvpView,
  WalkInsDto,
} from './attendance.dto';
import type { PublicCalendarView, PublicSessionsQuery, PublicSessionsView } from './public.dto';
import type { OpenActiveFeed, OpenActiveFeedPage, OpenActiveFeedQuery } from './openactive.dto';

/** The typed face of the events service for its callers (the gateway, later services). */
export class EventsClient {
  constructor(private readonly bus: Requester) {}

  createActivity = (ctx: RequestContext, tenantId: string, dto: CreateActivityDto) =>
    this.bus.request<ActivityView>(S.createActivity, ctx, { ...dto, tenantId });
  listActivities = (ctx: RequestContext, tenantId: string, query: ListActivitiesQuery) =>
    this.bus.request<Page<ActivityView>>(S.listActivities, ctx, { ...query, tenantId });
  getActivity = (ctx: RequestContext, tenantId: string, activityId: string) =>
    this.bus.request<ActivityView>(S.getActivity, ctx, { tenantId, activityId });
  updateActivity = (ctx: RequestContext, tenantId: string, activityId: string, dto: UpdateActivityDto) =>
    this.bus.request<ActivityView>(S.updateActivity, ctx, { ...dto, tenantId, activityId });
  deleteActivity = (ctx: RequestContext, tenantId: string, activityId: string) =>
    this.bus.request<{ deleted: true }>(S.deleteActivity, ctx, { tenantId, activityId });
  /** Pauses, resumes or ends an activity: its sessions still to come follow (ADR 0032). */
  transitionActivity = (
    ctx: RequestContext,
    tenantId: string,
    activityId: string,
    transition: ActivityTransition,
  ) => this.bus.request<ActivityView>(S.transitionActivity, ctx, { tenantId, activityId, transition });

  listSessions = (ctx: RequestContext, tenantId: string, query: ListSessionsQuery) =>
    this.bus.request<SessionPage>(S.listSessions, ctx, { ...query, tenantId });
  getSession = (ctx: RequestContext, tenantId: string, sessionId: string) =>
    this.bus.request<SessionView>(S.getSession, ctx, { tenantId, sessionId });
  cancelSession = (ctx: RequestContext, tenantId: string, sessionId: string, dto: CancelSessionDto) =>
    this.bus.request<SessionView>(S.cancelSession, ctx, { ...dto, tenantId, sessionId });

  createRsvp = (ctx: RequestContext, tenantId: string, sessionId: string, dto: MemberRefDto) =>
    this.bus.request<RsvpView>(S.createRsvp, ctx, { ...dto, tenantId, sessionId });
  deleteRsvp = (ctx: RequestContext, tenantId: string, sessionId: string, memberId: string) =>
    this.bus.request<{ deleted: true }>(S.deleteRsvp, ctx, { tenantId, sessionId, memberId });
  listRsvps = (ctx: RequestContext, tenantId: string, sessionId: string) =>
    this.bus.request<RsvpListView>(S.listRsvps, ctx, { tenantId, sessionId });

  recordAttendance = (ctx: RequestContext, tenantId: string, sessionId: string, dto: MemberRefDto) =>
    this.bus.request<CheckInView>(S.recordAttendance, ctx, { ...dto, tenantId, sessionId });
  removeAttendance = (ctx: RequestContext, tenantId: string, sessionId: string, memberId: string) =>
    this.bus.request<RegisterCountsView>(S.removeAttendance, ctx, { tenantId, sessionId, memberId });
  getAttendance = (ctx: RequestContext, tenantId: string, sessionId: string) =>
    this.bus.request<AttendanceView>(S.getAttendance, ctx, { tenantId, sessionId });
  /** With an idempotency key, a retry of the same request answers the first result again (ADR 0020). */
  recordWalkIns = (
    ctx: RequestContext,
    tenantId: string,
    sessionId: string,
    dto: WalkInsDto,
    idempotencyKey?: string,
  ) =>
    this.bus.request<RegisterCountsView>(S.recordWalkIns, ctx, {
      ...dto,
      tenantId,
      sessionId,
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    });

  /** The register as a whole (after the session, from paper): sending it again changes nothing. */
  enterRegister = (ctx: RequestContext, tenantId: string, sessionId: string, dto: RegisterEntryDto) =>
    this.bus.request<RegisterEntryView>(S.enterRegister, ctx, { ...dto, tenantId, sessionId });

  /** A page of one of events' parts of the LERO's archive (its tenant-admins only). */
  leroExportPage = (ctx: RequestContext, tenantId: string, part: EventsExportPart, cursor?: string) =>
    this.bus.request<LeroExportPage>(
      S.leroExportPage,
      ctx,
      { tenantId, part, ...(cursor ? { cursor } : {}) },
      { timeoutMs: LERO_EXPORT_PAGE_TIMEOUT_MS },
    );

  /** No sign-in: a LERO's public programme, by its slug (only while the LERO is active). */
  publicSessions = (ctx: RequestContext, slug: string, query: PublicSessionsQuery) =>
    this.bus.request<PublicSessionsView>(S.publicSessions, ctx, { ...query, slug });
  publicCalendar = (ctx: RequestContext, slug: string) =>
    this.bus.request<PublicCalendarView>(S.publicCalendar, ctx, { slug });
  /** No sign-in: a page of a region's OpenActive feed (ADR 0078). */
  openActiveFeed = (
    ctx: RequestContext,
    target: { regionSlug: string; feed: OpenActiveFeed; base: string },
    query: OpenActiveFeedQuery,
  ) => this.bus.request<OpenActiveFeedPage>(S.openActiveFeed, ctx, { ...query, ...target });
}
