import type { PendingInvitationView, RegionRole, RegionTeamView } from '@hearth/contracts';
import { isPlatformAdmin, regionAdminOf } from '../navigation/navigation';
import type { Viewer } from '../session/web-session';
import { invitationRows, personRows } from './team-page';

/** Runs the region's team: its admins and platform admins. */
export const runsRegion = (viewer: Viewer, regionId: string) =>
  isPlatformAdmin(viewer) || regionAdminOf(viewer, regionId);

/** May take this region role away: those who run the region, or anyone their own. */
export const removesRegionRole = (viewer: Viewer, regionId: string, accountId: string) =>
  accountId === viewer.accountId || runsRegion(viewer, regionId);

export const cancelsRegionInvitation = (
  viewer: Viewer,
  regionId: string,
  invitation: PendingInvitationView,
) => invitation.invitedBy === viewer.accountId || runsRegion(viewer, regionId);

/** The region's team page: its admins and commissioners, and invitations not yet accepted. */
export function regionTeamPage(viewer: Viewer, team: RegionTeamView) {
  const base = `/regions/${team.regionId}/team`;
  return {
    people: personRows<RegionRole>(viewer, team.accounts, base, (accountId) =>
      removesRegionRole(viewer, team.regionId, accountId),
    ),
    invitations: invitationRows(team.invitations, base, (i) =>
      cancelsRegionInvitation(viewer, team.regionId, i),
    ),
  };
}
