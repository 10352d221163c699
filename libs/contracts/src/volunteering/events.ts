import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import { VolunteeringEvents } from './subjects';
import { TRAINING_KINDS, type TrainingKind } from './training.dto';
import { ROLE_STATUSES, ROLE_VISIBILITIES, type RoleStatus, type RoleVisibility } from './role.dto';

/** `evt.volunteering.training.*`: a catalogue item as it is after the change. No personal data. */
export class TrainingChangedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  trainingId!: string;

  @IsString()
  @MaxLength(500)
  name!: string;

  @IsIn(TRAINING_KINDS)
  kind!: TrainingKind;

  @IsOptional()
  @IsInt()
  @Min(1)
  validityMonths!: number | null;
}

/**
 * `evt.volunteering.role.*`: a role as it is after the change — published (created open, or reopened), updated,
 * closed. No personal data: the role, its visibility and what it requires.
 */
export class RoleChangedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  roleId!: string;

  @IsString()
  @MaxLength(500)
  title!: string;

  @IsIn(ROLE_VISIBILITIES)
  visibility!: RoleVisibility;

  @IsIn(ROLE_STATUSES)
  status!: RoleStatus;

  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  requirementIds!: string[];
}

/**
 * The volunteering service's events: each subject of `VolunteeringEvents` and the class its payload is (a class with
 * class-validator decorators, checked by every consumer). Never a name, an email or a phone number.
 */
export const VOLUNTEERING_EVENT_PAYLOADS = {
  [VolunteeringEvents.trainingAdded]: TrainingChangedEvent,
  [VolunteeringEvents.trainingUpdated]: TrainingChangedEvent,
  [VolunteeringEvents.rolePublished]: RoleChangedEvent,
  [VolunteeringEvents.roleUpdated]: RoleChangedEvent,
  [VolunteeringEvents.roleClosed]: RoleChangedEvent,
} as const;
