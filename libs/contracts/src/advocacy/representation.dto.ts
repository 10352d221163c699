import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery, TenantRequest, TenantRequestOf } from '../paging';
import { AskBodyDto, type AskBodyKind } from './ask.dto';
import { IsDay, NotNullIfPresent } from './advocacy-input';

/** The role a LERO holds on a board, partnership or forum (ADR 0069). */
export const SEAT_ROLES = ['member', 'chair', 'co-chair', 'vice-chair', 'observer', 'other'] as const;
export type SeatRole = (typeof SEAT_ROLES)[number];

export const MAX_REPRESENTED_BY = 100;
export const MAX_OUTCOME = 300;
export const MAX_MEETING_ASKS = 20;

const BODY_MESSAGE = 'must be the body: {name, kind}';
const ROLE_MESSAGE = `must be one of ${SEAT_ROLES.join(', ')}`;

/** A seat: the body (as asks name one), the role held, since when and, once it ended, until when. */
export class CreateSeatDto {
  @IsObject({ message: BODY_MESSAGE })
  @ValidateNested()
  @Type(() => AskBodyDto)
  body!: AskBodyDto;

  @IsIn(SEAT_ROLES, { message: ROLE_MESSAGE })
  role!: SeatRole;

  @IsDay()
  since!: string;

  /**
   * The day the seat ended; none while it lasts. Null is taken as none; the field is typed `string` so that the API
   * document's schema of it is a string (a `string | null` field reflects as `Object`).
   */
  @IsOptional()
  @IsDay()
  until?: string;
}

/** Fields left out stay as they are; `until: null` says the seat has not ended. */
export class UpdateSeatDto {
  @NotNullIfPresent()
  @IsObject({ message: BODY_MESSAGE })
  @ValidateNested()
  @Type(() => AskBodyDto)
  body?: AskBodyDto;

  @NotNullIfPresent()
  @IsIn(SEAT_ROLES, { message: ROLE_MESSAGE })
  role?: SeatRole;

  @NotNullIfPresent()
  @IsDay()
  since?: string;

  /** `null` reopens an ended seat (typed `string` for the API document, as in `CreateSeatDto`). */
  @IsOptional()
  @IsDay()
  until?: string;
}

/** `current=true`: the seats that have not ended; `false`: the ended ones. */
export class ListSeatsQuery extends PageQuery {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  current?: boolean;
}

class MeetingFieldsDto {
  /** The same LERO's asks raised or followed up at the meeting. */
  @NotNullIfPresent()
  @IsArray({ message: 'must be a list of ask ids' })
  @ArrayMaxSize(MAX_MEETING_ASKS)
  @IsUUID('all', { each: true, message: 'must be a list of ask ids' })
  askIds?: string[];

  /** What came of it, in a sentence. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_OUTCOME)
  outcome?: string | null;
}

/**
 * A meeting attended: at one of the LERO's seats (`seatId`) or another body (`body`), exactly one of the two, on `date`,
 * by `representedBy`.
 */
export class LogMeetingDto extends MeetingFieldsDto {
  @ValidateIf((o: LogMeetingDto) => o.body === undefined || o.seatId !== undefined)
  @IsUUID('all', { message: 'must be the id of one of the LERO’s seats (or give body instead)' })
  seatId?: string;

  @ValidateIf((o: LogMeetingDto) => o.seatId === undefined || o.body !== undefined)
  @IsObject({ message: `${BODY_MESSAGE} (or give seatId instead)` })
  @ValidateNested()
  @Type(() => AskBodyDto)
  body?: AskBodyDto;

  @IsDay()
  date!: string;

  /** What the person who went chose to be called here: a display name, or "a volunteer". Never a member id. */
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_REPRESENTED_BY)
  representedBy!: string;
}

/**
 * Fields left out stay as they are; `askIds` replaces the links; `outcome: null` clears it; `seatId` or `body` (not
 * both) moves it to a seat or another body.
 */
export class UpdateMeetingDto extends MeetingFieldsDto {
  @NotNullIfPresent()
  @IsUUID('all', { message: 'must be the id of one of the LERO’s seats (or give body instead)' })
  seatId?: string;

  @NotNullIfPresent()
  @IsObject({ message: `${BODY_MESSAGE} (or give seatId instead)` })
  @ValidateNested()
  @Type(() => AskBodyDto)
  body?: AskBodyDto;

  @NotNullIfPresent()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_REPRESENTED_BY)
  representedBy?: string;

  @NotNullIfPresent()
  @IsDay()
  date?: string;
}

/** Meetings on or after `from` and on or before `to`, latest first. */
export class ListMeetingsQuery extends PageQuery {
  @IsOptional()
  @IsDay()
  from?: string;

  @IsOptional()
  @IsDay()
  to?: string;
}

export class CreateSeatRequest extends TenantRequestOf(CreateSeatDto) {}
export class ListSeatsRequest extends TenantRequestOf(ListSeatsQuery) {}
export class SeatIdRequest extends TenantRequest {
  @IsUUID('all')
  seatId!: string;
}
export class UpdateSeatRequest extends TenantRequestOf(UpdateSeatDto) {
  @IsUUID('all')
  seatId!: string;
}
export class LogMeetingRequest extends TenantRequestOf(LogMeetingDto) {}
export class ListMeetingsRequest extends TenantRequestOf(ListMeetingsQuery) {}
export class MeetingIdRequest extends TenantRequest {
  @IsUUID('all')
  meetingId!: string;
}
export class UpdateMeetingRequest extends TenantRequestOf(UpdateMeetingDto) {
  @IsUUID('all')
  meetingId!: string;
}

export interface SeatView {
  id: string;
  body: { name: string; kind: AskBodyKind };
  role: SeatRole;
  since: string;
  until: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MeetingView {
  id: string;
  /** The seat it was held at, if any (null also once that seat was deleted). */
  seatId: string | null;
  body: { name: string; kind: AskBodyKind };
  date: string;
  representedBy: string;
  askIds: string[];
  outcome: string | null;
  createdAt: string;
  updatedAt: string;
}
