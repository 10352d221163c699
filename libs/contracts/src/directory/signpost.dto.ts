import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { TenantRequestOf } from '../paging';

/** How the person was signposted: face to face, on the phone, or online (a message, a video call). */
export const SIGNPOST_CHANNELS = ['in-person', 'phone', 'online'] as const;
export type SignpostChannel = (typeof SIGNPOST_CHANNELS)[number];

/**
 * How many days back a signpost may be dated: no more than reporting's release grace (7 days after a period
 * ends), so every signpost is counted before its month's figures are frozen (ADR 0039).
 */
export const SIGNPOST_MAX_AGE_DAYS = 7;

/** A calendar date, YYYY-MM-DD (checked to be a real day by the directory). */
export const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * A signpost: someone was pointed to a kind of help (a taxonomy term), perhaps to one listing of the region's
 * directory, in one way, on one day. Nothing about the person and no free text: unknown fields are refused.
 */
export class RecordSignpostDto {
  @IsUUID('all', { message: 'must be a UUID' })
  taxonomyTermId!: string;

  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  serviceId?: string;

  @IsIn(SIGNPOST_CHANNELS, { message: `must be one of ${SIGNPOST_CHANNELS.join(', ')}` })
  channel!: SignpostChannel;

  /** The day it happened (Europe/London); today when not given. A day only: never a time. */
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'must be a date as YYYY-MM-DD' })
  date?: string;
}

export class RecordSignpostRequest extends TenantRequestOf(RecordSignpostDto) {}

/** A signpost as recorded: its random id and the day, never a time. */
export interface SignpostView {
  id: string;
  taxonomyTermId: string;
  serviceId: string | null;
  channel: SignpostChannel;
  date: string;
}
