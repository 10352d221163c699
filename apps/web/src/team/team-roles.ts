import {
  TENANT_ROLES,
  type PendingInvitationView,
  type TenantRole,
  type TenantView,
} from '@hearth/contracts';
import { isPlatformAdmin, regionAdminOf, tenantRoleIn } from '../navigation/navigation';
import type { Viewer } from '../session/web-session';

const COORDINATED: TenantRole[] = ['volunteer', 'member'];

/** Region staff of the LERO: its region's admins and platform admins. */
export const overseesLero = (viewer: Viewer, lero: TenantView) =>
  isPlatformAdmin(viewer) || regionAdminOf(viewer, lero.regionId);

/**
 * Whom this person may invite into a LERO (the tenants service's rule; it still decides): its admins anyone,
 * its coordinators volunteers and members, its region's staff only its first admin while it is onboarding.
 */
export function invitableRoles(viewer: Viewer, lero: TenantView): TenantRole[] {
  if (lero.status === 'archived') return [];
  const role = tenantRoleIn(viewer, lero.id);
  if (role === 'tenant-admin') return [...TENANT_ROLES];
  if (role === 'coordinator') return [...COORDINATED];
  if (overseesLero(viewer, lero) && lero.status === 'onboarding') return ['tenant-admin'];
  return [];
}

/** Sees the LERO's team page: its admins and coordinators (everyone), its region's staff (its admins). */
export const seesTeam = (viewer: Viewer, lero: TenantView) =>
  ['tenant-admin', 'coordinator'].includes(tenantRoleIn(viewer, lero.id) ?? '') || overseesLero(viewer, lero);

/** May take this role away from this account: the LERO's admins any, its coordinators some, anyone their own. */
export function removesRole(viewer: Viewer, lero: TenantView, accountId: string, role: TenantRole): boolean {
  if (accountId === viewer.accountId) return true;
  const own = tenantRoleIn(viewer, lero.id);
  return own === 'tenant-admin' || (own === 'coordinator' && COORDINATED.includes(role));
}

/** May cancel this pending invitation (the API's rule, for showing the link). */
export function cancelsInvitation(
  viewer: Viewer,
  lero: TenantView,
  invitation: PendingInvitationView,
): boolean {
  if (invitation.invitedBy === viewer.accountId) return true;
  const own = tenantRoleIn(viewer, lero.id);
  const role = invitation.role as TenantRole;
  if (own === 'tenant-admin') return true;
  if (own === 'coordinator' && COORDINATED.includes(role)) return true;
  return overseesLero(viewer, lero) && role === 'tenant-admin';
}

/** Resets someone else's password: the LERO's admins (the API checks every role of theirs is in it). */
export const resetsPassword = (viewer: Viewer, lero: TenantView, accountId: string) =>
  accountId !== viewer.accountId && tenantRoleIn(viewer, lero.id) === 'tenant-admin';

/** Appoints an admin for a LERO that has none (break glass): its region's staff. */
export const breaksGlass = (viewer: Viewer, lero: TenantView) =>
  overseesLero(viewer, lero) && (lero.status === 'active' || lero.status === 'suspended');

export const ROLE_CHOICES: Record<TenantRole, { text: string; hint: string }> = {
  'tenant-admin': { text: 'Admin', hint: 'Runs everything in the LERO’s space, including its team' },
  coordinator: {
    text: 'Coordinator',
    hint: 'Runs members, sessions and attendance; can invite volunteers and members',
  },
  volunteer: {
    text: 'Volunteer',
    hint: 'Sees the sessions and who is coming, checks people in and counts walk-ins at the door',
  },
  member: {
    text: 'Member',
    hint: 'Sees and corrects their own record, and says which sessions they will come to',
  },
};

/** "coordinators, volunteers and members" */
export function rolesInWords(roles: TenantRole[]): string {
  const words = roles.map((r) => `${ROLE_CHOICES[r].text.toLowerCase()}s`);
  return words.length > 1
    ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
    : (words[0] ?? '');
}
