import { ArrayMaxSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { TenantRequest } from '../paging';

export const MAX_MEMBER_NAMES = 500;

/**
 * For other services of the LERO (events: who is on a register, whether an id may RSVP): the display names of
 * those ids that are active members of the LERO. Ids that are not (left, erased, another LERO's) are absent.
 */
export class MemberNamesRequest extends TenantRequest {
  @IsArray({ message: 'must be a list' })
  @ArrayMaxSize(MAX_MEMBER_NAMES)
  @ArrayUnique({ message: 'must not repeat an id' })
  @IsUUID('all', { each: true, message: 'must be a list of UUIDs' })
  memberIds!: string[];
}

export interface MemberNamesView {
  items: { id: string; displayName: string }[];
}
