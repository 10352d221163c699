import {
  REGION_ROLES,
  TENANT_ROLES,
  type PendingInvitationView,
  type RegionRole,
  type TeamAccountView,
  type TenantRole,
} from '@hearth/contracts';
import type { HearthApiCalls } from '../api/hearth-api';
import { looksLikeUuid } from '../http/params';
import { PageNotFound } from '../http/web-errors';
import { cancelsInvitation, removesRole, seesTeam } from './team-roles';
import { cancelsRegionInvitation, removesRegionRole, runsRegion } from './region-team';
import { findRegion } from '../regions/find-region';
import type { Viewer } from '../session/web-session';

/**
 * The team a change is made in, a LERO's or a region's: the same pages confirm the same changes in both,
 * each place with its own roles and rules (the API still decides).
 */
export interface TeamPlace {
  /** "Phoenix Recovery Community", "the North East region". */
  name: string;
  /** The team page. */
  base: string;
  roles: readonly string[];
  seesTeam: boolean;
  /** Holds this role here (for giving up one's own). */
  holds(role: string): boolean;
  mayRemove(accountId: string, role: string): boolean;
  mayCancel(invitation: PendingInvitationView): boolean;
  team(): Promise<{ accounts: TeamAccountView[]; invitations: PendingInvitationView[] }>;
  removeRole(accountId: string, role: string): Promise<void>;
}

/** The place a team page's path names (`leros/:tenantId/team` or `regions/:regionId/team`). */
export async function teamPlace(
  calls: HearthApiCalls,
  viewer: Viewer,
  params: Record<string, string | undefined>,
): Promise<TeamPlace> {
  const { tenantId, regionId } = params;
  if (looksLikeUuid(tenantId)) {
    const lero = await calls.tenant(tenantId.toLowerCase());
    return {
      name: lero.name,
      base: `/leros/${lero.id}/team`,
      roles: TENANT_ROLES,
      seesTeam: seesTeam(viewer, lero),
      holds: (role) => viewer.grants.some((g) => g.tenantId === lero.id && g.role === role),
      mayRemove: (accountId, role) => removesRole(viewer, lero, accountId, role as TenantRole),
      mayCancel: (invitation) => cancelsInvitation(viewer, lero, invitation),
      team: () => calls.tenantTeam(lero.id),
      removeRole: (accountId, role) => calls.removeTenantRole(lero.id, accountId, role as TenantRole),
    };
  }
  if (looksLikeUuid(regionId)) {
    const region = await findRegion(calls, regionId.toLowerCase());
    return {
      name: `the ${region.name} region`,
      base: `/regions/${region.id}/team`,
      roles: REGION_ROLES,
      seesTeam: runsRegion(viewer, region.id),
      holds: (role) => viewer.grants.some((g) => g.regionId === region.id && g.role === role),
      mayRemove: (accountId) => removesRegionRole(viewer, region.id, accountId),
      mayCancel: (invitation) => cancelsRegionInvitation(viewer, region.id, invitation),
      team: () => calls.regionTeam(region.id),
      removeRole: (accountId, role) => calls.removeRegionRole(region.id, accountId, role as RegionRole),
    };
  }
  throw new PageNotFound();
}
