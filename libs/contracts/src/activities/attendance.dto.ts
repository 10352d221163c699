import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  NotEquals,
} from 'class-validator';

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

/** The most people one register entry may name (present and absent each): a hall's worth, and more. */
export const MAX_REGISTER_ENTRIES = 1000;
/** The most walk-ins a session's register may hold. */
export const MAX_WALK_INS = 100_000;

const memberIdList = () => (target: object, key: string | symbol) => {
  for (const decorate of [
    IsUUID('all', { each: true, message: 'each must be a member id (a UUID)' }),
    ArrayUnique({ message: 'must not name anyone twice' }),
    ArrayMaxSize(MAX_REGISTER_ENTRIES, { message: `must name at most ${MAX_REGISTER_ENTRIES} people` }),
    IsArray({ message: 'must be a list of member ids' }),
    IsOptional(),
  ])
    decorate(target, key);
};

/**
 * A register entered in one go, typically after the session from a paper register (a hall with no signal):
 * who came, who on the list did not, and how many walked in. It says how the register should be, so sending it
 * again changes nothing. People it does not name are left as they are.
 */
export class RegisterEntryDto {
  /** Members who came: checked in unless they are already. */
  @memberIdList()
  present?: string[];

  /** Members on the list who did not come: their check-in, if any, is removed. */
  @memberIdList()
  absent?: string[];

  /** How many walked in, in all (not a change): the session's walk-ins are set to this. */
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must not be negative' })
  @Max(MAX_WALK_INS)
  walkIns?: number;

  /**
   * The walk-ins the form showed when it was filled in: if someone else changed them since, the entry is
   * refused (409 `RegisterChanged`) rather than overwrite their count. Sending the same entry again is no change.
   */
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must not be negative' })
  @Max(MAX_WALK_INS)
  walkInsWas?: number;
}

export class RegisterEntryRequest extends RegisterEntryDto {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  sessionId!: string;
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

/** The register after an entry, and what the entry changed (all zero when it was there already). */
export interface RegisterEntryView extends RegisterCountsView {
  checkedIn: number;
  removed: number;
  walkInsChange: number;
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
