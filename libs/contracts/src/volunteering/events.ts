import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { VolunteeringEvents } from './subjects';
import { ReminderDueFacts } from '../reminder-due';
import { PublicRoleFacts } from './public-role.dto';
import { TRAINING_KINDS, type TrainingKind } from './training.dto';
import { SHIFT_STATUSES, type ShiftStatus } from './shift.dto';
import { TRAINING_VERIFIED_HOW, type TrainingVerifiedHow } from './training-record.dto';

/** A calendar date, YYYY-MM-DD. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
import { SHIFT_DATE, SIGNUP_STATUSES, type SignupStatus } from './signup.dto';
import { ROLE_STATUSES, ROLE_VISIBILITIES, type RoleStatus, type RoleVisibility } from './role.dto';
import { INTEREST_OUTCOMES, type InterestOutcome } from './interest.dto';

/** `evt.volunteering.training.*`: a catalogue item as it is after the change. No personal data. */
export class TrainingChangedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  trainingId!: string;

  @IsString()
  @MaxLength(500)
  name!: string;

  @IsIn(TRAINING_KINDS)
  kind!: TrainingKind;

  @IsOptional()
  @IsInt()
  @Min(1)
  validityMonths!: number | null;
}

/**
 * `evt.volunteering.role.*`: a role as it is after the change — published (created open, or reopened), updated,
 * closed. No personal data: the role, its visibility and what it requires.
 */
export class RoleChangedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  roleId!: string;

  @IsString()
  @MaxLength(500)
  title!: string;

  @IsIn(ROLE_VISIBILITIES)
  visibility!: RoleVisibility;

  @IsIn(ROLE_STATUSES)
  status!: RoleStatus;

  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  requirementIds!: string[];

  /** What the public may read of it (ADR 0058): only while its visibility is `public`; null otherwise. */
  @IsOptional()
  @ValidateNested()
  @Type(() => PublicRoleFacts)
  listing?: PublicRoleFacts | null;
}

/**
 * `evt.volunteering.shift.*`: a shift as it is after the change — scheduled, changed, cancelled. No personal data:
 * not its place (free text) nor a cancellation's reason, only when, how long, where in time and how many.
 */
export class ShiftChangedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  shiftId!: string;

  @IsUUID('all')
  roleId!: string;

  /** Wall-clock start of the first occurrence in `timezone`. */
  @IsString()
  @IsNotEmpty()
  startsAt!: string;

  @IsInt()
  @Min(1)
  durationMinutes!: number;

  @IsString()
  @IsNotEmpty()
  timezone!: string;

  @IsOptional()
  @IsString()
  rrule!: string | null;

  @IsInt()
  @Min(1)
  capacity!: number;

  @IsOptional()
  @IsUUID('all')
  sessionId!: string | null;

  @IsIn(SHIFT_STATUSES)
  status!: ShiftStatus;
}

/**
 * `evt.volunteering.training.recorded|corrected`: a training or check record as it is after the change (ADR 0053).
 * No member id and no verifier (no consumer needs them): the record, the catalogue item and the dates.
 */
export class TrainingRecordChangedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  recordId!: string;

  @IsUUID('all')
  trainingId!: string;

  @IsIn(TRAINING_KINDS)
  kind!: TrainingKind;

  @Matches(DATE)
  completedOn!: string;

  @IsOptional()
  @Matches(DATE)
  expiresOn!: string | null;

  @IsIn(TRAINING_VERIFIED_HOW)
  how!: TrainingVerifiedHow;
}

/** `evt.volunteering.training.removed`: a record a coordinator removed (a mistake). The ids only. */
export class TrainingRecordRemovedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  recordId!: string;

  @IsUUID('all')
  trainingId!: string;
}

/** What every event about one occurrence of a shift names: the LERO, the shift, its role and the occurrence. */
export class ShiftOccurrenceEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  shiftId!: string;

  @IsUUID('all')
  roleId!: string;

  /** The occurrence's start (ISO instant) and its local date in the shift's zone. */
  @IsString()
  @IsNotEmpty()
  startsAt!: string;

  @IsString()
  @Matches(SHIFT_DATE)
  date!: string;
}

/**
 * `evt.volunteering.signup.*`: someone's place on one occurrence of a shift — confirmed, waitlisted, promoted from the
 * waitlist, cancelled. The member id is there for the consumers that need it (telling the person, counting active
 * volunteers); nothing else of them, and never whether a cancel was late (ADR 0052).
 */
export class SignupChangedEvent extends ShiftOccurrenceEvent {
  @IsUUID('all')
  memberId!: string;

  @IsIn(SIGNUP_STATUSES)
  status!: SignupStatus;
}

/** Whether an occurrence of a shift has every place taken (`filled`) or a place again after it had (`unfilled`). */
export const SHIFT_FILL_STATUSES = ['filled', 'unfilled'] as const;
export type ShiftFillStatus = (typeof SHIFT_FILL_STATUSES)[number];

/**
 * `evt.volunteering.shift.filled|unfilled`: one occurrence of a shift has just had its last place taken, or has a gap
 * again after being full (a cancel nobody waiting could take, more places) (ADR 0055). No personal data: counts only.
 * `version` grows with every change of the occurrence's fill, so a consumer keeps the highest it has seen and is right
 * in any arrival order.
 */
export class ShiftFillChangedEvent extends ShiftOccurrenceEvent {
  @IsInt()
  @Min(1)
  capacity!: number;

  /** People with a place on it after the change. */
  @IsInt()
  @Min(0)
  confirmed!: number;

  @IsIn(SHIFT_FILL_STATUSES)
  status!: ShiftFillStatus;

  @IsInt()
  @Min(1)
  version!: number;
}

/** What an hours entry counts as after the change: approved (it counts) or withdrawn (it no longer does). */
export const HOURS_EVENT_STATUSES = ['approved', 'withdrawn'] as const;
export type HoursEventStatus = (typeof HOURS_EVENT_STATUSES)[number];

/**
 * `evt.volunteering.hours.approved|withdrawn`: an hours entry as it counts after the change — approved (as proposed,
 * adjusted or logged), or withdrawn (an approval undone, or the entry otherwise no longer counting). Only approved
 * hours count. `version` grows with every change of the entry, so a consumer keeps the highest it has seen and is
 * right in any arrival order. The member id is there for counting active volunteers (reporting keys it
 * pseudonymously); nothing else of them, and never the volunteer's description of what they did.
 */
export class HoursChangedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  entryId!: string;

  @IsUUID('all')
  memberId!: string;

  @IsUUID('all')
  roleId!: string;

  /** The local date the hours were given on (the shift occurrence's date in its zone, or the date logged). */
  @Matches(DATE)
  date!: string;

  /** Approved minutes (what counts); 0 for a withdrawn entry. */
  @IsInt()
  @Min(0)
  minutes!: number;

  @IsIn(HOURS_EVENT_STATUSES)
  status!: HoursEventStatus;

  @IsInt()
  @Min(1)
  version!: number;
}

/** `evt.volunteering.passport.issued`: a LERO issued a passport (and `credentials` training credentials with it). No person. */
export class PassportIssuedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  credentialId!: string;

  @IsInt()
  @Min(0)
  credentials!: number;

  @IsString()
  @MaxLength(40)
  issuedAt!: string;
}

/** `evt.volunteering.credential.revoked`: a LERO revoked a passport or credential it issued. No person. */
export class CredentialRevokedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  credentialId!: string;

  @IsIn(['passport', 'training'])
  kind!: 'passport' | 'training';

  @IsString()
  @MaxLength(40)
  revokedAt!: string;
}

/** What became of an interest in a role: expressed, withdrawn by the person, or closed (followed up) by the LERO. */
export const INTEREST_EVENT_STATUSES = ['expressed', 'withdrawn', 'closed'] as const;
export type InterestEventStatus = (typeof INTEREST_EVENT_STATUSES)[number];

/**
 * `evt.volunteering.interest.expressed|withdrawn|closed`: someone's interest in a role as it is after the change
 * (ADR 0063) — for a consumer that tells the LERO's coordinators or counts interest per role. No member id and never
 * the note: who it is is read from volunteering by the LERO's staff, with the name asked of membership at read time.
 * `version` grows with every change of the interest (1 expressed; a withdrawn or closed one never opens again — a new
 * interest is a new id), so a consumer keeps the highest it has seen and is right in any arrival order.
 */
export class InterestChangedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  interestId!: string;

  @IsUUID('all')
  roleId!: string;

  @IsIn(INTEREST_EVENT_STATUSES)
  status!: InterestEventStatus;

  /** How it was followed up (`closed` only; null otherwise). */
  @IsOptional()
  @IsIn(INTEREST_OUTCOMES)
  outcome!: InterestOutcome | null;

  @IsInt()
  @Min(1)
  version!: number;
}

/**
 * Once per shift occurrence (ADR 0081, shift reminders), when its start is within the reminder lead (24 h): whom to
 * remind and of what. `memberIds` are the members with a confirmed sign-up (not waitlisted, cancelled or erased) at
 * that moment; membership decides who asked for reminders and consented to contact. `title` is the role's.
 */
export class ShiftReminderDueEvent extends ReminderDueFacts {
  @IsUUID('all')
  shiftId!: string;
}

/**
 * The volunteering service's events: each subject of `VolunteeringEvents` and the class its payload is (a class with
 * class-validator decorators, checked by every consumer). Never a name, an email or a phone number.
 */
export const VOLUNTEERING_EVENT_PAYLOADS = {
  [VolunteeringEvents.trainingAdded]: TrainingChangedEvent,
  [VolunteeringEvents.trainingUpdated]: TrainingChangedEvent,
  [VolunteeringEvents.rolePublished]: RoleChangedEvent,
  [VolunteeringEvents.roleUpdated]: RoleChangedEvent,
  [VolunteeringEvents.roleClosed]: RoleChangedEvent,
  [VolunteeringEvents.shiftScheduled]: ShiftChangedEvent,
  [VolunteeringEvents.shiftChanged]: ShiftChangedEvent,
  [VolunteeringEvents.shiftCancelled]: ShiftChangedEvent,
  [VolunteeringEvents.trainingRecorded]: TrainingRecordChangedEvent,
  [VolunteeringEvents.trainingCorrected]: TrainingRecordChangedEvent,
  [VolunteeringEvents.trainingRemoved]: TrainingRecordRemovedEvent,
  [VolunteeringEvents.signupConfirmed]: SignupChangedEvent,
  [VolunteeringEvents.signupWaitlisted]: SignupChangedEvent,
  [VolunteeringEvents.signupPromoted]: SignupChangedEvent,
  [VolunteeringEvents.signupCancelled]: SignupChangedEvent,
  [VolunteeringEvents.shiftFilled]: ShiftFillChangedEvent,
  [VolunteeringEvents.shiftUnfilled]: ShiftFillChangedEvent,
  [VolunteeringEvents.hoursApproved]: HoursChangedEvent,
  [VolunteeringEvents.hoursWithdrawn]: HoursChangedEvent,
  [VolunteeringEvents.passportIssued]: PassportIssuedEvent,
  [VolunteeringEvents.credentialRevoked]: CredentialRevokedEvent,
  [VolunteeringEvents.interestExpressed]: InterestChangedEvent,
  [VolunteeringEvents.interestWithdrawn]: InterestChangedEvent,
  [VolunteeringEvents.interestClosed]: InterestChangedEvent,
  [VolunteeringEvents.reminderDue]: ShiftReminderDueEvent,
} as const;
