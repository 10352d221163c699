import type {
  ActivityCategory,
  ActivityVisibility,
  LocationView,
  SessionFacts,
  SessionStatus,
  SessionView,
} from '@hearth/contracts';
import { localDate } from '@hearth/recurrence';
import type { Activity } from '../programme/activity.entity';
import type { Session } from '../programme/session.entity';

/** A session row joined with its activity and counts, as the read queries return it. */
export interface SessionRow {
  id: string;
  activity_id: string;
  title: string;
  category: ActivityCategory;
  description: string | null;
  visibility: ActivityVisibility;
  location: LocationView | null;
  /** Public listings show the area only (ADR 0042). */
  location_on_request: boolean;
  starts_at: Date;
  ends_at: Date;
  timezone: string;
  status: SessionStatus;
  cancel_reason: string | null;
  capacity: number | null;
  walk_ins: number;
  going: number | string;
  waitlisted: number | string;
  attended: number | string;
}

export const sessionView = (r: SessionRow): SessionView => ({
  id: r.id,
  activityId: r.activity_id,
  title: r.title,
  category: r.category,
  visibility: r.visibility,
  location: r.location,
  startsAt: new Date(r.starts_at).toISOString(),
  endsAt: new Date(r.ends_at).toISOString(),
  timezone: r.timezone,
  status: r.status,
  cancelReason: r.cancel_reason,
  capacity: r.capacity,
  going: Number(r.going),
  waitlisted: Number(r.waitlisted),
  attended: Number(r.attended),
  walkIns: r.walk_ins,
});

/** Where and when a session sits, for the domain events reporting reads. */
export const sessionFacts = (
  session: Pick<Session, 'tenantId' | 'id' | 'startsAt' | 'timezone'>,
  activity: Pick<Activity, 'id' | 'category'>,
): SessionFacts => ({
  tenantId: session.tenantId,
  sessionId: session.id,
  activityId: activity.id,
  category: activity.category,
  sessionDate: localDate(session.startsAt, session.timezone),
  startsAt: session.startsAt.toISOString(),
});
