import type { Actor } from '@hearth/contracts';

/** Region staff: the platform's admins, or the admins of the LERO's region. */
export const overseesRegion = (actor: Actor, regionId: string) =>
  actor.grants.some(
    (g) => g.role === 'platform-admin' || (g.role === 'region-admin' && g.regionId === regionId),
  );

/** The LERO's own admins: whoever holds tenant-admin in it (region staff do not, whatever they oversee). */
export const isLeroAdmin = (actor: Actor, tenantId: string) =>
  actor.grants.some((g) => g.role === 'tenant-admin' && g.tenantId === tenantId);
