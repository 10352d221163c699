import { IsIn } from 'class-validator';
import { LeroExportPageRequest } from '../lero-export';

/**
 * Volunteering's parts of a LERO's archive (ADR 0060), each a table with these columns. Lists (a role's skills and
 * requirements) are separated by `;`. Training records and sign-ups carry the member's id (empty on a past sign-up
 * of a member since erased, which still shows the shift was staffed); `verifiedBy` is the account that verified a
 * record. `lateCancel` is kept without blame (ADR 0052): it is the LERO's record, never a score. Hours entries carry
 * the accounts that logged and decided them. Interest in roles carries the member, their note and the account that
 * followed it up.
 */
export const VOLUNTEERING_EXPORT_COLUMNS = {
  'volunteering-training': ['id', 'name', 'kind', 'validityMonths', 'createdAt', 'updatedAt'],
  'volunteering-roles': [
    'id',
    'title',
    'description',
    'whatYoullDo',
    'skills',
    'requirementIds',
    'where',
    'visibility',
    'status',
    'createdAt',
    'updatedAt',
  ],
  'volunteering-shifts': [
    'id',
    'roleId',
    'startsAtLocal',
    'durationMinutes',
    'timezone',
    'rrule',
    'place',
    'capacity',
    'sessionId',
    'status',
    'cancelReason',
    'cancelledAt',
    'createdAt',
    'updatedAt',
  ],
  'volunteering-training-records': [
    'id',
    'memberId',
    'trainingId',
    'completedOn',
    'expiresOn',
    'how',
    'verifiedBy',
    'recordedAt',
    'updatedAt',
  ],
  'volunteering-signups': [
    'id',
    'shiftId',
    'startsAt',
    'date',
    'memberId',
    'status',
    'lateCancel',
    'createdAt',
    'cancelledAt',
  ],
  'volunteering-hours': [
    'id',
    'memberId',
    'roleId',
    'source',
    'shiftId',
    'signupId',
    'date',
    'minutes',
    'approvedMinutes',
    'status',
    'description',
    'declineReason',
    'loggedBy',
    'decidedBy',
    'decidedAt',
    'createdAt',
  ],
  'volunteering-credentials': [
    'id',
    'memberId',
    'kind',
    'trainingId',
    'recordId',
    'listId',
    'statusIndex',
    'issuedAt',
    'expiresAt',
    'revokedAt',
  ],
  'volunteering-interests': [
    'id',
    'roleId',
    'memberId',
    'note',
    'status',
    'outcome',
    'closedBy',
    'closedAt',
    'createdAt',
  ],
} as const;

export type VolunteeringExportPart = keyof typeof VOLUNTEERING_EXPORT_COLUMNS;
export const VOLUNTEERING_EXPORT_PARTS = Object.keys(VOLUNTEERING_EXPORT_COLUMNS) as VolunteeringExportPart[];

export class VolunteeringExportPageRequest extends LeroExportPageRequest {
  @IsIn(VOLUNTEERING_EXPORT_PARTS, { message: `must be one of ${VOLUNTEERING_EXPORT_PARTS.join(', ')}` })
  part!: VolunteeringExportPart;
}
