import { asRegionId, asTenantId, type RegionId, type TenantId } from '@hearth/persistence';

/**
 * A LERO's id as the services' gates hand it on, for tests that drive a repository or a database directly.
 * The one way a test gets a `TenantId` (ADR 0026); application code gets one only from its service's gate.
 */
export const testTenantId = (id: string): TenantId => asTenantId(id);

/** A region's id as a region's gate hands it on, for tests of region-owned data (the directory's). */
export const testRegionId = (id: string): RegionId => asRegionId(id);
