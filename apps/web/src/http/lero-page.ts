import type { TenantView } from '@hearth/contracts';
import type { HearthApiCalls } from '../api/hearth-api';
import { PageForbidden } from './web-errors';
import { isStaffOf, keepsRegisterOf, tenantIdsOf } from '../navigation/navigation';
import type { Viewer } from '../session/web-session';

/** Who may see a part of a LERO's space (the API still decides every call). */
export const LERO_AREAS = {
  /** Members and activities: the LERO's admins and coordinators. */
  staff: isStaffOf,
  /** The door view and who RSVPed: staff and volunteers. */
  register: keepsRegisterOf,
  /** The programme: anyone with a grant in the LERO. */
  team: (viewer: Viewer, tenantId: string) => tenantIdsOf(viewer).includes(tenantId),
} as const;

/**
 * The LERO, when this person may see the area: an id that is not a LERO they can see is a 404 (the API's
 * answer), one whose area their grants do not reach is a friendly 403.
 */
export async function leroFor(
  calls: HearthApiCalls,
  viewer: Viewer,
  tenantId: string,
  area: keyof typeof LERO_AREAS,
): Promise<TenantView> {
  const lero = await calls.tenant(tenantId);
  if (!LERO_AREAS[area](viewer, lero.id)) throw new PageForbidden();
  return lero;
}
