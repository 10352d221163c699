import { Inject, Injectable } from '@nestjs/common';
import {
  MAX_DURATION_MINUTES,
  notFound,
  type CancelSessionRequest,
  type ListSessionsRequest,
  type RequestContext,
  type SessionIdRequest,
  type SessionPage,
  type SessionView,
} from '@hearth/contracts';
import type { TenantId } from '@hearth/persistence';
import { EventsDatabase } from '../events-database';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import { authorise } from '../events-access';
import { SessionPlanner } from './session-planner.service';
import { SessionsRepository, type SessionFilter } from './sessions.repository';
import { sessionView, type SessionRow } from './session.view';
import { sessionEnded, sessionHasAttendance } from './sessions.exception';
import { decodeSessionCursor, encodeSessionCursor, sessionWindow } from './session-window.util';

const DEFAULT_PAGE = 200;

@Injectable()
export class SessionsService {
  constructor(
    private readonly db: EventsDatabase,
    private readonly sessions: SessionsRepository,
    private readonly planner: SessionPlanner,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
  ) {}

  private now = () => this.options.now?.() ?? new Date();

  /**
   * The programme in a window. By default the next three months, with the sessions going on now (started, not
   * yet ended): someone looking at 10:10 for the 10:00 group finds it.
   */
  async list(ctx: RequestContext, query: ListSessionsRequest): Promise<SessionPage> {
    const { tenantId } = authorise(ctx.actor, query.tenantId, 'read', 'Session');
    const now = this.now();
    const window = sessionWindow(query, now, { pastDays: 0, days: 92, maxDays: 400 });
    const inProgress = query.from
      ? {}
      : { from: new Date(now.getTime() - MAX_DURATION_MINUTES * 60_000), endsAfter: now };
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.rowsIn(tenantId, {
      ...window,
      ...inProgress,
      category: query.category,
      activityId: query.activityId,
      after: query.cursor ? decodeSessionCursor(query.cursor) : undefined,
      limit,
    });
    const page = rows.slice(0, limit).map(sessionView);
    const last = page.at(-1);
    return {
      items: page,
      nextCursor: rows.length > limit && last ? encodeSessionCursor(last.startsAt, last.id) : null,
    };
  }

  /** Sessions of a window, laying out recurring ones first when the window reaches past their horizon. */
  async rowsIn(tenantId: TenantId, filter: SessionFilter): Promise<SessionRow[]> {
    const target = this.planner.layoutTarget(filter.to);
    if (await this.sessions.needsLayout(tenantId, target))
      await this.db.forTenant(tenantId).em.transactional((em) => this.planner.extend(em, target));
    return this.sessions.list(tenantId, filter);
  }

  async get(ctx: RequestContext, dto: SessionIdRequest): Promise<SessionView> {
    const { tenantId } = authorise(ctx.actor, dto.tenantId, 'read', 'Session', 'Session');
    const row = await this.sessions.get(tenantId, dto.sessionId);
    if (!row) throw notFound('Session');
    return sessionView(row);
  }

  /** Cancels one session. One that took place (has a register) or has ended cannot be cancelled. */
  async cancel(ctx: RequestContext, dto: CancelSessionRequest): Promise<SessionView> {
    const { tenantId } = authorise(ctx.actor, dto.tenantId, 'update', 'Session', 'Session');
    await this.db.forTenant(tenantId).em.transactional(async (em) => {
      const locked = await this.sessions.lock(em, dto.sessionId);
      if (!locked) throw notFound('Session');
      const { session, activity } = locked;
      if (session.status === 'cancelled') return;
      if (session.endsAt <= this.now()) throw sessionEnded();
      const { attended } = await this.sessions.counts(em, session.id);
      if (attended > 0 || session.walkIns > 0) throw sessionHasAttendance();
      this.planner.cancel(em, session, activity, dto.reason?.trim() || null);
    });
    return this.get(ctx, dto);
  }
}
