import { IsOptional, IsUUID, Matches } from 'class-validator';
import { TenantRequest, TenantRequestOf } from '../paging';

/** A calendar date, `YYYY-MM-DD` (checked to be a real day by the service). */
export const SHIFT_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_MESSAGE = 'must be the occurrence’s local date as YYYY-MM-DD';

/** On the shift (`confirmed`), waiting for a place (`waitlisted`), or no longer (`cancelled`, kept as the record). */
export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

/** Which occurrence of a shift: its local date; required for a recurring shift, optional for a one-off. */
export class ShiftDateQuery {
  @IsOptional()
  @Matches(SHIFT_DATE, { message: DATE_MESSAGE })
  date?: string;
}

/** A sign-up: the member (a volunteer of the LERO) and the occurrence's date. */
export class CreateSignupDto extends ShiftDateQuery {
  @IsUUID('all', { message: 'must be the id of a member' })
  memberId!: string;
}

export class CreateSignupRequest extends TenantRequestOf(CreateSignupDto) {
  @IsUUID('all')
  shiftId!: string;
}

export class ListSignupsRequest extends TenantRequestOf(ShiftDateQuery) {
  @IsUUID('all')
  shiftId!: string;
}

export class CancelSignupRequest extends TenantRequest {
  @IsUUID('all')
  shiftId!: string;

  @IsUUID('all', { message: 'must be the id of a member' })
  memberId!: string;

  @IsOptional()
  @Matches(SHIFT_DATE, { message: DATE_MESSAGE })
  date?: string;
}

export interface SignupView {
  shiftId: string;
  /** The occurrence's local date and its instants, with the zone's offset. */
  date: string;
  startsAt: string;
  memberId: string;
  status: SignupStatus;
}

/** A cancelled sign-up; `late` (within 24 hours of the start) is recorded without blame and shown only here. */
export interface CancelledSignupView extends SignupView {
  late: boolean;
}

export interface SignupListView {
  shiftId: string;
  date: string;
  startsAt: string;
  capacity: number;
  /** Everyone on it and waitlisted (a volunteer: only themselves), first come first. */
  items: { memberId: string; status: Exclude<SignupStatus, 'cancelled'> }[];
}
