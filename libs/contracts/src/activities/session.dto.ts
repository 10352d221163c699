import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  ACTIVITY_CATEGORIES,
  type ActivityCategory,
  type ActivityVisibility,
  type LocationView,
} from './activity.dto';
import { IsYearInRange } from '../input-policy';
import { TenantRequest, TenantRequestOf } from '../paging';

export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

const INSTANT_MESSAGE = 'must be an ISO 8601 date (2026-03-01) or date-time with offset (2026-03-01T09:00Z)';

/** A window of time: `from` inclusive, `to` exclusive; a bare date means midnight UTC of that day. */
export class SessionWindowQuery {
  @IsOptional()
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE })
  @IsYearInRange()
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE })
  @IsYearInRange()
  to?: string;
}

export class ListSessionsQuery extends SessionWindowQuery {
  @IsOptional()
  @IsIn(ACTIVITY_CATEGORIES, { message: `must be one of ${ACTIVITY_CATEGORIES.join(', ')}` })
  category?: ActivityCategory;

  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  activityId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(500)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class ListSessionsRequest extends TenantRequestOf(ListSessionsQuery) {}

export class SessionIdRequest extends TenantRequest {
  @IsUUID('all')
  sessionId!: string;
}

export class CancelSessionDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class CancelSessionRequest extends TenantRequestOf(CancelSessionDto) {
  @IsUUID('all')
  sessionId!: string;
}

export interface SessionView {
  id: string;
  activityId: string;
  title: string;
  category: ActivityCategory;
  visibility: ActivityVisibility;
  location: LocationView | null;
  startsAt: string;
  endsAt: string;
  timezone: string;
  status: SessionStatus;
  cancelReason: string | null;
  capacity: number | null;
  going: number;
  waitlisted: number;
  attended: number;
  walkIns: number;
}

export interface SessionPage {
  items: SessionView[];
  nextCursor: string | null;
}
