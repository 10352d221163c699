import type { Actor } from '@hearth/contracts';
import { defineAbility, type HearthAbility } from '@hearth/auth';

/** What a coordinator may invite, and so take away again. */
const COORDINATED = { $in: ['volunteer', 'member'] };
/** Region staff invite only a LERO's first admin, while it is onboarding (ADR 14). */
const FIRST_ADMIN = { role: 'tenant-admin', status: 'onboarding' };

/**
 * What each grant may do in the tenants service. Subjects: Region, RegionInvitation, RegionTeam, RegionGrant,
 * Tenant, TenantInvitation (conditions on the invited role and the LERO's status), Team (a LERO's accounts and
 * pending invitations), TenantGrant (taking a role away), AdminAppointment (break-glass), Account (disable,
 * enable), Audit, MemberData (what this service holds about a member record, for the person's data export).
 * Nobody may grant a role to their own account; the services check that, as they check the rules that need
 * the database (the last tenant-admin, a LERO with no enabled admin).
 */
export function tenantsAbility(actor: Actor | undefined): HearthAbility {
  return defineAbility(actor, (grant, { can }) => {
    const { regionId, tenantId } = grant;
    switch (grant.role) {
      case 'platform-admin':
        can(['create', 'read'], 'Region');
        can('invite', 'RegionInvitation');
        can('read', 'RegionTeam');
        can('delete', 'RegionGrant');
        can('delete', 'RegionInvitation');
        can(['create', 'read', 'update', 'transition'], 'Tenant');
        can('invite', 'TenantInvitation', FIRST_ADMIN);
        can('delete', 'TenantInvitation', { role: 'tenant-admin' });
        can('read', 'Team');
        can('create', 'AdminAppointment');
        can('read', 'Audit');
        can('update', 'Account');
        break;
      case 'region-admin':
        can('read', 'Region', { id: regionId });
        can('invite', 'RegionInvitation', { regionId });
        can('read', 'RegionTeam', { regionId });
        can('delete', 'RegionGrant', { regionId });
        can('delete', 'RegionInvitation', { regionId });
        can(['create', 'read', 'update', 'transition'], 'Tenant', { regionId });
        can('invite', 'TenantInvitation', { regionId, ...FIRST_ADMIN });
        can('delete', 'TenantInvitation', { regionId, role: 'tenant-admin' });
        can('read', 'Team', { regionId });
        can('create', 'AdminAppointment', { regionId });
        can('read', 'Audit', { regionId });
        break;
      // Each reads its region (to find it), and nothing else here: its directory is the directory service's.
      case 'commissioner':
      case 'directory-curator':
        can('read', 'Region', { id: regionId });
        break;
      case 'tenant-admin':
        can(['read', 'update'], 'Tenant', { id: tenantId });
        can('invite', 'TenantInvitation', { tenantId });
        can('delete', 'TenantInvitation', { tenantId });
        can('read', 'Team', { tenantId });
        can('delete', 'TenantGrant', { tenantId });
        can('read', 'Audit', { tenantId });
        can('export', 'MemberData', { tenantId });
        // The LERO's whole archive (ADR 0034): its admins only, not its region's.
        can('export', 'Tenant', { id: tenantId });
        break;
      case 'coordinator':
        can('read', 'Tenant', { id: tenantId });
        can('invite', 'TenantInvitation', { tenantId, role: COORDINATED });
        can('delete', 'TenantInvitation', { tenantId, role: COORDINATED });
        can('read', 'Team', { tenantId });
        can('delete', 'TenantGrant', { tenantId, role: COORDINATED });
        can('export', 'MemberData', { tenantId });
        break;
      case 'volunteer':
        can('read', 'Tenant', { id: tenantId });
        break;
      case 'member':
        can('read', 'Tenant', { id: tenantId });
        if (grant.memberId) can('export', 'MemberData', { tenantId, memberId: grant.memberId });
        break;
    }
  });
}
