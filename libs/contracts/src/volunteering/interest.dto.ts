import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery, TenantRequest, TenantRequestOf } from '../paging';

/** An interest waits for the LERO to follow it up (`open`), or it has been (`closed`, with an outcome). */
export const INTEREST_STATUSES = ['open', 'closed'] as const;
export type InterestStatus = (typeof INTEREST_STATUSES)[number];

/** How a coordinator followed an interest up: they became a volunteer, or not now (no blame, no score). */
export const INTEREST_OUTCOMES = ['became-volunteer', 'not-now'] as const;
export type InterestOutcome = (typeof INTEREST_OUTCOMES)[number];

/** A short note with an interest, read by the LERO's coordinators: it must not name anyone else. */
export const MAX_INTEREST_NOTE = 300;

/** "I'm interested" in an open role, perhaps with a short note (it must not name anyone else). */
export class ExpressInterestDto {
  @IsOptional()
  @IsString()
  @MaxLength(MAX_INTEREST_NOTE)
  note?: string | null;
}

/** A coordinator's follow-up of an interest: what came of it. */
export class CloseInterestDto {
  @IsIn(INTEREST_OUTCOMES, { message: `must be one of ${INTEREST_OUTCOMES.join(', ')}` })
  outcome!: InterestOutcome;
}

/** The interests in a role, perhaps of one status; oldest first. */
export class ListInterestsQuery extends PageQuery {
  @IsOptional()
  @IsIn(INTEREST_STATUSES, { message: `must be one of ${INTEREST_STATUSES.join(', ')}` })
  status?: InterestStatus;
}

export class ExpressInterestRequest extends TenantRequestOf(ExpressInterestDto) {
  @IsUUID('all')
  roleId!: string;
}

export class WithdrawInterestRequest extends TenantRequest {
  @IsUUID('all')
  roleId!: string;
}

export class ListInterestsRequest extends TenantRequestOf(ListInterestsQuery) {
  @IsUUID('all')
  roleId!: string;
}

export class CloseInterestRequest extends TenantRequestOf(CloseInterestDto) {
  @IsUUID('all')
  interestId!: string;
}

export class MyInterestsRequest extends TenantRequestOf(PageQuery) {}

/** Someone's interest in a role. `displayName` (staff's list only) is asked of membership when read, never kept. */
export interface InterestView {
  id: string;
  roleId: string;
  /** The role's title as it is now. */
  roleTitle: string;
  memberId: string;
  note: string | null;
  status: InterestStatus;
  outcome: InterestOutcome | null;
  closedAt: string | null;
  createdAt: string;
  version: number;
}

/** An interest as staff see it in a role's list: with the person's display name (null when membership has none). */
export interface RoleInterestView extends InterestView {
  displayName: string | null;
}

/** A page of a role's interests; `names` says whether membership could be asked for them. */
export interface RoleInterestsView {
  items: RoleInterestView[];
  nextCursor: string | null;
  names: 'shown' | 'unavailable';
}
