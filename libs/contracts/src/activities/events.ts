import type { ActivityCategory, ActivityVisibility } from './activity.dto';
import type { RsvpStatus } from './attendance.dto';

/** `evt.events.activity.*`: the activity as it is after the change. No personal data. */
export interface ActivityChangedEvent {
  tenantId: string;
  activityId: string;
  title: string;
  category: ActivityCategory;
  visibility: ActivityVisibility;
}

/** Where and when a session sits, for reporting by period and category. */
export interface SessionFacts {
  tenantId: string;
  sessionId: string;
  activityId: string;
  category: ActivityCategory;
  /** The session's local calendar date in its own zone (YYYY-MM-DD): the reporting period key. */
  sessionDate: string;
  startsAt: string;
}

export interface RegisterCounts {
  /** Members checked in (including those since erased). */
  attended: number;
  walkIns: number;
  total: number;
}

export interface SessionCancelledEvent extends SessionFacts {
  reason: string | null;
}

/** Once per session: it ended (or attendance was first recorded after it ended) with anyone there. */
export interface SessionHeldEvent extends SessionFacts, RegisterCounts {
  endsAt: string;
}

/**
 * A check-in or its removal. `participantKey` is a keyed hash of the member id, stable within one LERO and
 * different across LEROs: reporting counts unique participants without learning who anyone is.
 */
export interface AttendanceChangedEvent extends SessionFacts, RegisterCounts {
  participantKey: string;
}

export interface WalkInsRecordedEvent extends SessionFacts, RegisterCounts {
  /** The correction applied: positive for arrivals, negative for a recount. */
  change: number;
}

/**
 * Once per erased member, when events first applies the erasure: the participant key their check-ins were
 * counted under, so reporting can move what it holds under that key to a key that links to no one.
 */
export interface ParticipantErasedEvent {
  tenantId: string;
  participantKey: string;
  /** When the member was erased (membership's erasure instant). */
  erasedAt: string;
}

/** RSVPs stay inside the LERO's services (a future notifier tells a promoted member). */
export interface RsvpChangedEvent {
  tenantId: string;
  sessionId: string;
  memberId: string;
  status: RsvpStatus | 'cancelled';
}
