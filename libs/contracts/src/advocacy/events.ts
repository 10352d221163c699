import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { AdvocacyEvents } from './subjects';
import { CONSULTATION_AUDIENCES, type ConsultationAudience } from './consultation.dto';

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
 * The advocacy service's events: each subject of `AdvocacyEvents` and the class its payload is (a class with
 * class-validator decorators, checked by every consumer). Never a name, an email or a phone number.
 */
export const ADVOCACY_EVENT_PAYLOADS = {
  [AdvocacyEvents.consultationOpened]: ConsultationChangedEvent,
  [AdvocacyEvents.consultationClosed]: ConsultationChangedEvent,
} as const;
