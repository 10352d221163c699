import { IsIn } from 'class-validator';
import { LeroExportPageRequest } from '../lero-export';

/**
 * Membership's parts of a LERO's archive, each a table with these columns. Members are every record that is
 * not erased (an erased record holds nothing of the person); `communityRoles` are separated by `;`, as an
 * import takes them, and consents are the history, given and withdrawn, oldest first.
 */
export const MEMBERSHIP_EXPORT_COLUMNS = {
  members: [
    'id',
    'displayName',
    'email',
    'phone',
    'communityRoles',
    'pathway',
    'preferredContact',
    'consentContact',
    'consentPhotos',
    'consentShareStoriesAnonymously',
    'notes',
    'status',
    'joinedAt',
    'leftAt',
    'updatedAt',
  ],
  consents: ['id', 'memberId', 'consent', 'given', 'recordedAt', 'recordedBy', 'bySelf'],
} as const;

export type MembershipExportPart = keyof typeof MEMBERSHIP_EXPORT_COLUMNS;
export const MEMBERSHIP_EXPORT_PARTS = Object.keys(MEMBERSHIP_EXPORT_COLUMNS) as MembershipExportPart[];

export class MembershipExportPageRequest extends LeroExportPageRequest {
  @IsIn(MEMBERSHIP_EXPORT_PARTS, { message: `must be one of ${MEMBERSHIP_EXPORT_PARTS.join(', ')}` })
  part!: MembershipExportPart;
}
