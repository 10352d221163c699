import type { Actor } from '@hearth/contracts';
import { defineAbility, type HearthAbility } from '@hearth/auth';

/**
 * What each grant may do in the reporting service. Subjects: RegionReport (`regionId`: disclosure-controlled
 * figures), ReportingSettings (`regionId`: the region's suppression threshold), LeroReport (`tenantId`: a
 * LERO's own exact figures). Nobody gets a person-level row: there are none.
 */
export function reportingAbility(actor: Actor | undefined): HearthAbility {
  return defineAbility(actor, (grant, { can }) => {
    const { regionId, tenantId } = grant;
    switch (grant.role) {
      case 'platform-admin':
        can('read', ['RegionReport', 'ReportingSettings']);
        can('update', 'ReportingSettings');
        break;
      case 'region-admin':
        if (!regionId) return;
        can('read', ['RegionReport', 'ReportingSettings'], { regionId });
        can('update', 'ReportingSettings', { regionId });
        break;
      case 'commissioner':
        if (!regionId) return;
        can('read', ['RegionReport', 'ReportingSettings'], { regionId });
        break;
      case 'tenant-admin':
      case 'coordinator':
        if (tenantId) can('read', 'LeroReport', { tenantId });
        break;
    }
  });
}
