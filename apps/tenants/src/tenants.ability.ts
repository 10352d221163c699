import type { Actor } from '@hearth/contracts';
import { defineAbility, type HearthAbility } from '@hearth/auth';

/**
 * What each grant may do in the tenants service. Subjects: Region, RegionInvitation, Tenant,
 * TenantInvitation (conditions on the invited role), Audit, MemberData (what this service holds about a
 * member record, for the person's data export: the LERO's admins and coordinators, or the person).
 */
export function tenantsAbility(actor: Actor | undefined): HearthAbility {
  return defineAbility(actor, (grant, { can }) => {
    const { regionId, tenantId } = grant;
    switch (grant.role) {
      case 'platform-admin':
        can('manage', 'all');
        break;
      case 'region-admin':
        can('read', 'Region', { id: regionId });
        can('invite', 'RegionInvitation', { regionId });
        can(['create', 'read', 'update', 'transition'], 'Tenant', { regionId });
        can('invite', 'TenantInvitation', { regionId });
        can('read', 'Audit', { regionId });
        break;
      case 'commissioner':
        can('read', 'Region', { id: regionId });
        break;
      case 'tenant-admin':
        can(['read', 'update'], 'Tenant', { id: tenantId });
        can('invite', 'TenantInvitation', { tenantId });
        can('read', 'Audit', { tenantId });
        can('export', 'MemberData', { tenantId });
        break;
      case 'coordinator':
        can('read', 'Tenant', { id: tenantId });
        can('invite', 'TenantInvitation', { tenantId, role: { $in: ['volunteer', 'member'] } });
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
