import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQuery, TenantRequest, TenantRequestOf } from '../paging';
import { SHIFT_DATE } from './signup.dto';

/** Waiting for a coordinator (`pending`), counting (`approved`) or not (`declined`, with a reason the volunteer sees). */
export const HOURS_STATUSES = ['pending', 'approved', 'declined'] as const;
export type HoursStatus = (typeof HOURS_STATUSES)[number];

/** Proposed from a shift the volunteer was on (`shift`), or logged by hand (`logged`). */
export const HOURS_SOURCES = ['shift', 'logged'] as const;
export type HoursSource = (typeof HOURS_SOURCES)[number];

/** One entry is one day's hours: at most 24 of them. */
export const MAX_ENTRY_MINUTES = 1440;
/** A short description of what was done (it must not name anyone). */
export const MAX_HOURS_DESCRIPTION = 200;
export const MAX_DECLINE_REASON = 500;

/** A field that may be left out but, given, is never null. */
const NotNullIfPresent = () => ValidateIf((_o, value) => value !== undefined);
const DATE_MESSAGE = 'must be a date, YYYY-MM-DD';
const MINUTES_MESSAGE = `must be a whole number of minutes from 1 to ${MAX_ENTRY_MINUTES}`;
const STATUS_MESSAGE = `must be one of ${HOURS_STATUSES.join(', ')}`;

/**
 * Hours a volunteer gave outside a shift on the rota: the day, how long, in which of the LERO's roles, and perhaps
 * what they did in a few words. The description is read by coordinators: it must not name anyone.
 */
export class LogHoursDto {
  @IsUUID('all', { message: 'must be the id of a member' })
  memberId!: string;

  @IsUUID('all', { message: 'must be the id of a volunteering role' })
  roleId!: string;

  @Matches(SHIFT_DATE, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  date!: string;

  @IsInt({ message: MINUTES_MESSAGE })
  @Min(1, { message: MINUTES_MESSAGE })
  @Max(MAX_ENTRY_MINUTES, { message: MINUTES_MESSAGE })
  minutes!: number;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_HOURS_DESCRIPTION)
  description?: string | null;
}

/** Approve as proposed or logged, or adjusted: `minutes` (1–1440) replaces what was asked. */
export class ApproveHoursDto {
  @IsOptional()
  @IsInt({ message: MINUTES_MESSAGE })
  @Min(1, { message: MINUTES_MESSAGE })
  @Max(MAX_ENTRY_MINUTES, { message: MINUTES_MESSAGE })
  minutes?: number | null;
}

/** Decline with a reason the volunteer sees. */
export class DeclineHoursDto {
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_DECLINE_REASON)
  @Matches(/\S/, { message: 'must not be blank' })
  reason!: string;
}

/** The volunteer's own entries: perhaps of one status. */
export class MyHoursQuery extends PageQuery {
  @IsOptional()
  @IsIn(HOURS_STATUSES, { message: STATUS_MESSAGE })
  status?: HoursStatus;
}

/** A LERO's entries, perhaps of one status (`pending`: the approvals queue) and of one member; oldest first. */
export class ListHoursQuery extends MyHoursQuery {
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a member' })
  memberId?: string;
}

/**
 * A volunteer's change of their own pending logged entry: any of the day, the minutes, the role and the description
 * (null: none). The description must not name anyone.
 */
export class ChangeHoursDto {
  @NotNullIfPresent()
  @IsUUID('all', { message: 'must be the id of a volunteering role' })
  roleId?: string;

  @NotNullIfPresent()
  @Matches(SHIFT_DATE, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  date?: string;

  @NotNullIfPresent()
  @IsInt({ message: MINUTES_MESSAGE })
  @Min(1, { message: MINUTES_MESSAGE })
  @Max(MAX_ENTRY_MINUTES, { message: MINUTES_MESSAGE })
  minutes?: number;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_HOURS_DESCRIPTION)
  description?: string | null;
}

export class LogHoursRequest extends TenantRequestOf(LogHoursDto) {}

export class ListHoursRequest extends TenantRequestOf(ListHoursQuery) {}

export class MyHoursRequest extends TenantRequestOf(MyHoursQuery) {}

export class ApproveHoursRequest extends TenantRequestOf(ApproveHoursDto) {
  @IsUUID('all')
  entryId!: string;
}

export class DeclineHoursRequest extends TenantRequestOf(DeclineHoursDto) {
  @IsUUID('all')
  entryId!: string;
}

export class ChangeMyHoursRequest extends TenantRequestOf(ChangeHoursDto) {
  @IsUUID('all')
  entryId!: string;
}

export class WithdrawMyHoursRequest extends TenantRequest {
  @IsUUID('all')
  entryId!: string;
}

export class HoursTotalsRequest extends TenantRequest {
  @IsUUID('all', { message: 'must be the id of a member' })
  memberId!: string;
}

export class MyHoursTotalsRequest extends TenantRequest {}

/** An hours entry. `minutes`: as proposed or logged; `approvedMinutes`: what counts (null unless approved). */
export interface HoursEntryView {
  id: string;
  memberId: string;
  roleId: string;
  /** The local date the hours were given on. */
  date: string;
  minutes: number;
  approvedMinutes: number | null;
  status: HoursStatus;
  source: HoursSource;
  /** The shift they were proposed from (null: logged). */
  shiftId: string | null;
  description: string | null;
  /** Why a coordinator declined it: shown to the volunteer. */
  declineReason: string | null;
  /** The account that approved or declined it last. */
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Grows with every change of the entry (as in its events). */
  version: number;
}

/** A volunteer's approved hours, in minutes: all time, this year (UK calendar) and by role. */
export interface HoursTotalsView {
  memberId: string;
  year: number;
  allTimeMinutes: number;
  thisYearMinutes: number;
  byRole: { roleId: string; title: string; allTimeMinutes: number; thisYearMinutes: number }[];
}
