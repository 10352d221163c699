import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '@hearth/contracts';
import { Account } from '../accounts/account.entity';
import { RoleGrant } from '../accounts/role-grant.entity';

/** Region staff: the platform's admins, or the admins of the LERO's region. */
export const overseesRegion = (actor: Actor, regionId: string) =>
  actor.grants.some(
    (g) => g.role === 'platform-admin' || (g.role === 'region-admin' && g.regionId === regionId),
  );

/** The LERO's own admins: whoever holds tenant-admin in it (region staff do not, whatever they oversee). */
export const isLeroAdmin = (actor: Actor, tenantId: string) =>
  actor.grants.some((g) => g.role === 'tenant-admin' && g.tenantId === tenantId);

/** Accounts that hold tenant-admin in the LERO and may sign in (not disabled), leaving one out if asked. */
export async function enabledAdminIds(
  em: EntityManager,
  tenantId: string,
  except?: string,
): Promise<string[]> {
  const grants = await em.find(
    RoleGrant,
    { tenantId, role: 'tenant-admin', ...(except ? { accountId: { $ne: except } } : {}) },
    { fields: ['accountId'] },
  );
  if (grants.length === 0) return [];
  const enabled = await em.find(
    Account,
    { id: { $in: grants.map((g) => g.accountId) }, disabledAt: null },
    { fields: ['id'] },
  );
  return enabled.map((a) => a.id);
}
