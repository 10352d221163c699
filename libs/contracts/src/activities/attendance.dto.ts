import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, NotEquals } from 'class-validator';

export const RSVP_STATUSES = ['going', 'waitlisted'] as const;
export type RsvpStatus = (typeof RSVP_STATUSES)[number];
export const MAX_WALK_IN_CHANGE = 1000;
/** The longest `Idempotency-Key` value taken (its characters, without the quotes of a structured string). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** An idempotency key's characters: printable ASCII (what a structured-field string can carry). */
export const IDEMPOTENCY_KEY_CHARACTERS = /^[\x20-\x7e]+$/;

export class MemberRefDto {
  @IsUUID('all', { message: 'must be a UUID' })
  memberId!: string;
}

/** RSVP or check-in of one member to one session. */
export class SessionMemberRequest extends MemberRefDto {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  sessionId!: string;
}

export class WalkInsDto {
  @IsInt({ message: 'must be a whole number' })
  @NotEquals(0, { message: 'must not be zero' })
  @Min(-MAX_WALK_IN_CHANGE)
  @Max(MAX_WALK_IN_CHANGE)
  count!: number;
}

export class WalkInsRequest extends WalkInsDto {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  sessionId!: string;

  /**
   * The caller's `Idempotency-Key` header (its value, unquoted): the same key from the same caller for the same
   * LERO answers the first result again and changes nothing (ADR 0020).
   */
  @IsOptional()
  @IsString()
  @Length(1, MAX_IDEMPOTENCY_KEY_LENGTH)
  @Matches(IDEMPOTENCY_KEY_CHARACTERS, { message: 'must be printable ASCII' })
  idempotencyKey?: string;
}

export interface RsvpView {
  sessionId: string;
  memberId: string;
  status: RsvpStatus;
}

export interface RsvpListView {
  items: { memberId: string; displayName: string | null; status: RsvpStatus }[];
}

/** The register after a check-in or a change of walk-ins. */
export interface RegisterCountsView {
  sessionId: string;
  attended: number;
  walkIns: number;
  total: number;
}

export interface CheckInView extends RegisterCountsView {
  memberId: string;
  /** False when the member was already checked in (nothing changed). */
  recorded: boolean;
}

export interface AttendanceView {
  members: { memberId: string; displayName: string | null }[];
  walkIns: number;
  /** Members whose record was erased: still counted, no longer named. */
  formerMembers: number;
  total: number;
}
