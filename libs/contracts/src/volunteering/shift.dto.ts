import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsLocalDateTime, MAX_DURATION_MINUTES, TIME_ZONES } from '../activities/schedule.dto';
import { PageQuery, TenantRequest, TenantRequestOf } from '../paging';

/** A scheduled shift takes volunteers; a cancelled one is kept (and shown as off) but takes nobody. */
export const SHIFT_STATUSES = ['scheduled', 'cancelled'] as const;
export type ShiftStatus = (typeof SHIFT_STATUSES)[number];

export const MAX_SHIFT_CAPACITY = 500;

const CAPACITY_MESSAGE = `must be a whole number of people from 1 to ${MAX_SHIFT_CAPACITY}`;
const DURATION_MESSAGE = `must be a whole number of minutes from 1 to ${MAX_DURATION_MINUTES}`;
const RRULE_MESSAGE = 'must be an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=TU';
/** A PATCH field that may be left out but not set to null. */
const NotNullIfPresent = () => ValidateIf((_o, value) => value !== undefined);
/** `null` means "the default" on create, as leaving the field out does. */
const NullIsAbsent = () => Transform(({ value }: { value: unknown }) => value ?? undefined);

/** ISO 8601 week, `2027-W05`. */
export const ISO_WEEK = /^\d{4}-W\d{2}$/;

/**
 * A shift of a volunteering role. `startsAt` (and `endsAt`) are wall-clock times in `timezone`; give the end as
 * `endsAt` or as `durationMinutes`. `rrule` repeats it (RFC 5545), each occurrence at the same wall-clock time.
 */
export class CreateShiftDto {
  @IsLocalDateTime()
  startsAt!: string;

  @IsOptional()
  @IsLocalDateTime()
  endsAt?: string;

  @IsOptional()
  @IsInt({ message: DURATION_MESSAGE })
  @Min(1, { message: DURATION_MESSAGE })
  @Max(MAX_DURATION_MINUTES, { message: DURATION_MESSAGE })
  durationMinutes?: number;

  @NullIsAbsent()
  @IsOptional()
  @IsIn(TIME_ZONES, { message: 'must be an IANA time zone such as Europe/London' })
  timezone?: string;

  @NullIsAbsent()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^(RRULE:)?[-A-Z0-9=;,+]+$/i, { message: RRULE_MESSAGE })
  rrule?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  place?: string | null;

  @IsInt({ message: CAPACITY_MESSAGE })
  @Min(1, { message: CAPACITY_MESSAGE })
  @Max(MAX_SHIFT_CAPACITY, { message: CAPACITY_MESSAGE })
  capacity!: number;

  /** An events session this shift helps at ("Tuesday's walking group"): its id only. */
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a session' })
  sessionId?: string | null;
}

/**
 * Fields left out stay as they are; `null` makes it a one-off (`rrule`) or clears `place` and `sessionId`. A new
 * `startsAt` keeps the length unless `endsAt` or `durationMinutes` is given.
 */
export class UpdateShiftDto {
  @NotNullIfPresent()
  @IsLocalDateTime()
  startsAt?: string;

  @NotNullIfPresent()
  @IsLocalDateTime()
  endsAt?: string;

  @NotNullIfPresent()
  @IsInt({ message: DURATION_MESSAGE })
  @Min(1, { message: DURATION_MESSAGE })
  @Max(MAX_DURATION_MINUTES, { message: DURATION_MESSAGE })
  durationMinutes?: number;

  @NotNullIfPresent()
  @IsIn(TIME_ZONES, { message: 'must be an IANA time zone such as Europe/London' })
  timezone?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^(RRULE:)?[-A-Z0-9=;,+]+$/i, { message: RRULE_MESSAGE })
  rrule?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  place?: string | null;

  @NotNullIfPresent()
  @IsInt({ message: CAPACITY_MESSAGE })
  @Min(1, { message: CAPACITY_MESSAGE })
  @Max(MAX_SHIFT_CAPACITY, { message: CAPACITY_MESSAGE })
  capacity?: number;

  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a session' })
  sessionId?: string | null;
}

export class CancelShiftDto {
  /** Kept on the shift for the LERO's people; never in an event (it may name someone). */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class RotaQuery {
  /** An ISO week, `2027-W05`; this week (in Europe/London) when left out. */
  @IsOptional()
  @IsString()
  @Matches(ISO_WEEK, { message: 'must be an ISO week such as 2027-W05' })
  week?: string;
}

export class CreateShiftRequest extends TenantRequestOf(CreateShiftDto) {
  @IsUUID('all')
  roleId!: string;
}

export class ListShiftsRequest extends TenantRequestOf(PageQuery) {
  @IsUUID('all')
  roleId!: string;
}

export class ShiftIdRequest extends TenantRequest {
  @IsUUID('all')
  shiftId!: string;
}

export class UpdateShiftRequest extends TenantRequestOf(UpdateShiftDto) {
  @IsUUID('all')
  shiftId!: string;
}

export class CancelShiftRequest extends TenantRequestOf(CancelShiftDto) {
  @IsUUID('all')
  shiftId!: string;
}

export class RotaRequest extends TenantRequestOf(RotaQuery) {}

/** One dated occurrence: instants as ISO 8601 with the shift zone's offset (so the local time reads directly). */
export interface ShiftOccurrenceView {
  startsAt: string;
  endsAt: string;
}

export interface ShiftView {
  id: string;
  roleId: string;
  /** The first occurrence's wall-clock start and end in `timezone`, `YYYY-MM-DDTHH:mm:ss`. */
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  timezone: string;
  rrule: string | null;
  place: string | null;
  capacity: number;
  sessionId: string | null;
  status: ShiftStatus;
  cancelReason: string | null;
  /** The next few occurrences from now (none for a cancelled or finished shift). */
  next: ShiftOccurrenceView[];
  createdAt: string;
  updatedAt: string;
}

/** Someone on a shift (filled in when sign-ups exist). */
export interface RotaPersonView {
  memberId: string;
  /**
   * Their display name, asked of membership at read time (never kept here; ADR 0055); null when membership does not
   * name them to this caller (they left) or could not be asked (`names: 'unavailable'` on the rota).
   */
  displayName: string | null;
}

export interface RotaShiftView extends ShiftOccurrenceView {
  shiftId: string;
  roleId: string;
  roleTitle: string;
  /** `HH:mm` in the shift's zone. */
  startTime: string;
  endTime: string;
  timezone: string;
  place: string | null;
  capacity: number;
  people: RotaPersonView[];
  /** Places still to fill: capacity minus the people on it. */
  gap: number;
  status: ShiftStatus;
  sessionId: string | null;
}

export interface RotaDayView {
  /** `YYYY-MM-DD`. */
  date: string;
  shifts: RotaShiftView[];
}

export interface RotaView {
  week: string;
  /** Monday and Sunday of the week, `YYYY-MM-DD`. */
  from: string;
  to: string;
  days: RotaDayView[];
  /** `unavailable` when membership could not be asked for names: the rota is whole, its people unnamed. */
  names: 'shown' | 'unavailable';
}
