import { TENANT_ROLES, type TenantRole, type TenantView } from '@hearth/contracts';
import { isPlatformAdmin, regionAdminOf, tenantRoleIn } from '../navigation/navigation';
import type { Viewer } from '../session/web-session';

/** Whom this person may invite into a LERO (the tenants service's rule; it still decides). */
export function invitableRoles(viewer: Viewer, lero: TenantView): TenantRole[] {
  if (lero.status === 'archived') return [];
  if (isPlatformAdmin(viewer) || regionAdminOf(viewer, lero.regionId)) return [...TENANT_ROLES];
  const role = tenantRoleIn(viewer, lero.id);
  if (role === 'tenant-admin') return [...TENANT_ROLES];
  if (role === 'coordinator') return ['volunteer', 'member'];
  return [];
}

export const ROLE_CHOICES: Record<TenantRole, { text: string; hint: string }> = {
  'tenant-admin': { text: 'Admin', hint: 'Runs everything in the LERO’s space, including its team' },
  coordinator: {
    text: 'Coordinator',
    hint: 'Runs members, sessions and attendance; can invite volunteers and members',
  },
  volunteer: { text: 'Volunteer', hint: 'Checks people in at sessions and logs their own hours' },
  member: { text: 'Member', hint: 'Sees their own profile, RSVPs to sessions and reads the directory' },
};

/** "coordinators, volunteers and members" */
export function rolesInWords(roles: TenantRole[]): string {
  const words = roles.map((r) => `${ROLE_CHOICES[r].text.toLowerCase()}s`);
  return words.length > 1
    ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
    : (words[0] ?? '');
}
