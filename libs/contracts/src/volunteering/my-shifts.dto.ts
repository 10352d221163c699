import { IsOptional, Matches } from 'class-validator';
import { TenantRequestOf } from '../paging';
import { SHIFT_DATE } from './signup.dto';
import type { ShiftStatus } from './shift.dto';

const DAY_MESSAGE = 'must be a date as YYYY-MM-DD';

/**
 * The range of "my shifts" (ADR 0055): UK calendar dates, `from` today and `to` 90 days after `from` unless given; at
 * most 366 days. Only occurrences still to come are listed, whatever `from` says.
 */
export class MyShiftsQuery {
  @IsOptional()
  @Matches(SHIFT_DATE, { message: DAY_MESSAGE })
  from?: string;

  @IsOptional()
  @Matches(SHIFT_DATE, { message: DAY_MESSAGE })
  to?: string;
}

export class MyShiftsRequest extends TenantRequestOf(MyShiftsQuery) {}

/** One occurrence the signed-in person's own member record is on or waiting for. */
export interface MyShiftView {
  shiftId: string;
  roleId: string;
  roleTitle: string;
  /** The occurrence's local date in the shift's zone, its instants with the zone's offset, `HH:mm` local. */
  date: string;
  startsAt: string;
  endsAt: string;
  startTime: string;
  endTime: string;
  timezone: string;
  place: string | null;
  /** Whose sign-up this is (the account's own member record). */
  memberId: string;
  status: 'confirmed' | 'waitlisted';
  /** 1 for the first in line; null when confirmed. */
  waitlistPosition: number | null;
  /** `cancelled` when the whole shift was called off (the sign-up stays until the person cancels it). */
  shiftStatus: ShiftStatus;
}

export interface MyShiftsView {
  from: string;
  to: string;
  items: MyShiftView[];
}
