import { IsIn, IsInt, IsOptional, IsUUID, Matches, Min } from 'class-validator';
import { AdvocacyEvents } from './subjects';
import { CONSULTATION_AUDIENCES, type ConsultationAudience } from './consultation.dto';
import { ASK_STATUSES, type AskStatus } from './ask.dto';

/**
 * `evt.advocacy.consultation.opened|closed`: a consultation of a LERO (`tenantId`) or of a region (`regionId`, no
 * `tenantId`) opened or closed. No personal data and no response counts (a count per event would date responses).
 */
export class ConsultationChangedEvent {
  @IsOptional()
  @IsUUID('all')
  tenantId!: string | null;

  @IsOptional()
  @IsUUID('all')
  regionId!: string | null;

  @IsUUID('all')
  consultationId!: string;

  @IsIn(CONSULTATION_AUDIENCES)
  audience!: ConsultationAudience;
}

/**
 * `evt.advocacy.ask.raised|updated`: an ask of a LERO (`tenantId`) or of a region (`regionId`) was raised, or its status updated (ADR 0065). Counts only, for
 * reporting: no text, no body, nobody's name; `date` is the update's (the raising's) date, YYYY-MM-DD.
 */
export class AskChangedEvent {
  @IsOptional()
  @IsUUID('all')
  tenantId!: string | null;

  @IsOptional()
  @IsUUID('all')
  regionId!: string | null;

  @IsUUID('all')
  askId!: string;

  @IsIn(ASK_STATUSES)
  status!: AskStatus;

  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date!: string;
}

/**
 * `evt.advocacy.meeting.logged|removed`: a LERO attended a meeting on `date` (YYYY-MM-DD), or the entry was removed
 * (ADR 0069). `logged` comes again when a change moves the date; `version` grows with every event of a meeting, so
 * that a consumer keeps the newest whatever the arrival order. Counts only: no body, no text, nobody's name.
 */
export class MeetingChangedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  meetingId!: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date!: string;

  @IsInt()
  @Min(1)
  version!: number;
}

/**
 * The advocacy service's events: each subject of `AdvocacyEvents` and the class its payload is (a class with
 * class-validator decorators, checked by every consumer). Never a name, an email or a phone number.
 */
export const ADVOCACY_EVENT_PAYLOADS = {
  [AdvocacyEvents.consultationOpened]: ConsultationChangedEvent,
  [AdvocacyEvents.consultationClosed]: ConsultationChangedEvent,
  [AdvocacyEvents.askRaised]: AskChangedEvent,
  [AdvocacyEvents.askUpdated]: AskChangedEvent,
  [AdvocacyEvents.meetingLogged]: MeetingChangedEvent,
  [AdvocacyEvents.meetingRemoved]: MeetingChangedEvent,
} as const;
