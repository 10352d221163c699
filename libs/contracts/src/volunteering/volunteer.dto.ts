import { PageQuery, TenantRequestOf } from '../paging';

/** A page of the LERO's active volunteers, by member id (`limit`, `cursor`). */
export class ListVolunteersQuery extends PageQuery {}

export class ListVolunteersRequest extends TenantRequestOf(ListVolunteersQuery) {}

/**
 * An active member of the LERO whose community roles include `volunteer`: the id only (volunteering holds member
 * ids, never copies of the person; names come from membership).
 */
export interface VolunteerView {
  memberId: string;
}
