import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/**
 * What every `reminder.due` event tells (ADR 0081: a session's, events; a shift's, volunteering): of what, when, in
 * which zone, where (none when not told), and whom — member ids only; membership decides who asked for reminders.
 */
export abstract class ReminderDueFacts {
  @IsUUID('all')
  tenantId!: string;

  @IsString()
  @MaxLength(200)
  title!: string;

  @IsISO8601({ strict: true })
  startsAt!: string;

  @IsISO8601({ strict: true })
  endsAt!: string;

  /** The session's or shift's IANA zone: the time is told in it. */
  @IsString()
  @MaxLength(100)
  timezone!: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  place!: string | null;

  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  memberIds!: string[];
}
