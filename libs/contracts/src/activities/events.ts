import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { EventsEvents } from './subjects';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_VISIBILITIES,
  type ActivityCategory,
  type ActivityStatus,
  type ActivityVisibility,
} from './activity.dto';
import { ActivityListingFacts } from './listing-facts';
import { ReminderDueFacts } from '../reminder-due';
import { RSVP_STATUSES, type RsvpStatus } from './attendance.dto';

/**
 * A category as events carry it: a name, not checked against today's list, so an event of a category that is
 * later renamed or retired is still counted under the name it had.
 */
const CATEGORY_NAME = /^[a-z][a-z0-9-]{0,59}$/;
/** A local calendar date, YYYY-MM-DD. */
const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** `evt.events.activity.*`: the activity as it is after the change. No personal data. */
export class ActivityChangedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  activityId!: string;

  @IsString()
  @MaxLength(500)
  title!: string;

  @Matches(CATEGORY_NAME)
  category!: ActivityCategory;

  @IsIn(ACTIVITY_VISIBILITIES)
  visibility!: ActivityVisibility;

  /** Fields added for the directory (ADR 0042): absent in events from before them. */
  @IsOptional()
  @IsIn(ACTIVITY_STATUSES)
  status?: ActivityStatus;

  @IsOptional()
  @IsBoolean()
  publishToDirectory?: boolean;

  /** What the directory may publish: only for a public activity not opted out of it; null otherwise. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ActivityListingFacts)
  listing?: ActivityListingFacts | null;
}

/** Where and when a session sits, for reporting by period and category. */
export class SessionFacts {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  sessionId!: string;

  @IsUUID('all')
  activityId!: string;

  @Matches(CATEGORY_NAME)
  category!: ActivityCategory;

  /** The session's local calendar date in its own zone (YYYY-MM-DD): the reporting period key. */
  @Matches(CALENDAR_DATE)
  sessionDate!: string;

  @IsISO8601({ strict: true })
  startsAt!: string;
}

export interface RegisterCounts {
  /** Members checked in (including those since erased). */
  attended: number;
  walkIns: number;
  total: number;
}

/** A session's facts with its register's counts after the change. */
export class SessionCountsEvent extends SessionFacts implements RegisterCounts {
  @IsInt()
  attended!: number;

  @IsInt()
  walkIns!: number;

  @IsInt()
  total!: number;
}

export class SessionCancelledEvent extends SessionFacts {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason!: string | null;

  /**
   * The activity's visibility when the session was cancelled (ADR 0079): what tells the public side (webhooks) a
   * members-only session from a public one. Absent in events from before it existed: taken as not public.
   */
  @IsOptional()
  @IsIn(ACTIVITY_VISIBILITIES)
  visibility?: ActivityVisibility;
}

/** One session laid out: when it is, no more. */
export class ScheduledSessionFacts {
  @IsUUID('all')
  sessionId!: string;

  @Matches(CALENDAR_DATE)
  sessionDate!: string;

  @IsISO8601({ strict: true })
  startsAt!: string;
}

/** The most sessions one layout pass makes, so the most one `session.scheduled` event carries. */
export const MAX_SESSIONS_PER_LAYOUT = 1000;

/**
 * `evt.events.session.scheduled` (ADR 0082): sessions of one activity laid out together from its schedule (a new
 * activity, a changed schedule, a resumed one, or the lazy layout moving its horizon on). Only sessions that did
 * not exist before: a session kept or moved by a schedule change is not in it. With the activity's visibility,
 * so the public side (webhooks) sends only a public activity's. No personal data.
 */
export class SessionsScheduledEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  activityId!: string;

  @Matches(CATEGORY_NAME)
  category!: ActivityCategory;

  @IsIn(ACTIVITY_VISIBILITIES)
  visibility!: ActivityVisibility;

  @IsArray()
  @ArrayMaxSize(MAX_SESSIONS_PER_LAYOUT)
  @ValidateNested({ each: true })
  @Type(() => ScheduledSessionFacts)
  sessions!: ScheduledSessionFacts[];
}

/** Once per session: it ended (or attendance was first recorded after it ended) with anyone there. */
export class SessionHeldEvent extends SessionCountsEvent {
  @IsISO8601({ strict: true })
  endsAt!: string;
}

/**
 * A check-in or its removal. `participantKey` is a keyed hash of the member id, stable within one LERO and
 * different across LEROs: reporting counts unique participants without learning who anyone is.
 */
export class AttendanceChangedEvent extends SessionCountsEvent {
  @IsString()
  @Length(8, 200)
  participantKey!: string;
}

export class WalkInsRecordedEvent extends SessionCountsEvent {
  /** The correction applied: positive for arrivals, negative for a recount. */
  @IsInt()
  change!: number;
}

/**
 * Once per erased member, when events first applies the erasure: the participant key their check-ins were
 * counted under, so reporting can move what it holds under that key to a key that links to no one.
 */
export class ParticipantErasedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsString()
  @Length(8, 200)
  participantKey!: string;

  /** When the member was erased (membership's erasure instant). */
  @IsISO8601({ strict: true })
  erasedAt!: string;
}

/** RSVPs stay inside the LERO's services (a future notifier tells a promoted member). */
export class RsvpChangedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  sessionId!: string;

  @IsUUID('all')
  memberId!: string;

  @IsIn([...RSVP_STATUSES, 'cancelled'])
  status!: RsvpStatus | 'cancelled';
}

/**
 * Once per session and start time (ADR 0081), when it is within the reminder lead (24 h): whom to remind and of
 * what. `memberIds` are the members going (not waitlisted, not erased) at that moment; membership decides who
 * has asked for reminders and consented to contact. `place` is none when the location is given on request.
 */
export class ReminderDueEvent extends ReminderDueFacts {
  @IsUUID('all')
  sessionId!: string;
}

/** The events service's events: each subject and the class its payload is (checked by every consumer). */
export const EVENTS_EVENT_PAYLOADS = {
  [EventsEvents.activityCreated]: ActivityChangedEvent,
  [EventsEvents.activityUpdated]: ActivityChangedEvent,
  [EventsEvents.activityDeleted]: ActivityChangedEvent,
  [EventsEvents.activityPaused]: ActivityChangedEvent,
  [EventsEvents.activityResumed]: ActivityChangedEvent,
  [EventsEvents.activityEnded]: ActivityChangedEvent,
  [EventsEvents.sessionCancelled]: SessionCancelledEvent,
  [EventsEvents.sessionScheduled]: SessionsScheduledEvent,
  [EventsEvents.sessionHeld]: SessionHeldEvent,
  [EventsEvents.rsvpCreated]: RsvpChangedEvent,
  [EventsEvents.rsvpCancelled]: RsvpChangedEvent,
  [EventsEvents.rsvpPromoted]: RsvpChangedEvent,
  [EventsEvents.attendanceRecorded]: AttendanceChangedEvent,
  [EventsEvents.attendanceRemoved]: AttendanceChangedEvent,
  [EventsEvents.walkInsRecorded]: WalkInsRecordedEvent,
  [EventsEvents.participantErased]: ParticipantErasedEvent,
  [EventsEvents.reminderDue]: ReminderDueEvent,
} as const;
