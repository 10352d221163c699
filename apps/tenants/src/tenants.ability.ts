import type { Actor } from '@hearth/contracts';
import { defineAbility, type HearthAbility } from '@hearth/auth';

/**
 * What each grant may do in the tenants service. Subjects: Region, RegionInvitation, Tenant,
 * TenantInvitation (conditions on the invited role), Audit.
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
        break;
      case 'coordinator':
        can('read', 'Tenant', { id: tenantId });
        can('invite', 'TenantInvitation', { tenantId, role: { $in: ['volunteer', 'member'] } });
        break;
      case 'volunteer':
      case 'member':
        can('read', 'Tenant', { id: tenantId });
        break;
    }
  });
}
