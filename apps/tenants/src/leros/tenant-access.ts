import { AppError, notFound, type Actor } from '@hearth/contracts';
import { subject, type Action } from '@hearth/auth';
import { tenantsAbility } from '../tenants.ability';
import type { Tenant } from './tenant.entity';
import { overseesRegion } from './lero-admins';

/**
 * The one gate for every tenant route in this service: what the actor can't read is NOT_FOUND (ids of
 * other LEROs reveal nothing), what it can read but not do is FORBIDDEN, and a closed LERO is FORBIDDEN.
 * Region staff keep access to a suspended or archived LERO; its own users do not.
 */
export function authoriseTenant(actor: Actor, tenant: Tenant | null, action: Action = 'read'): Tenant {
  const ability = tenantsAbility(actor);
  const target = tenant && subject('Tenant', { id: tenant.id, regionId: tenant.regionId });
  if (!tenant || !target || !ability.can('read', target)) throw notFound('LERO');
  if (
    tenant.status !== 'active' &&
    tenant.status !== 'onboarding' &&
    !overseesRegion(actor, tenant.regionId)
  ) {
    throw new AppError('FORBIDDEN', `This LERO's space is ${tenant.status}. Contact your regional network.`, {
      reason: 'TenantClosed',
    });
  }
  if (action !== 'read' && !ability.can(action, target))
    throw new AppError('FORBIDDEN', 'You do not have permission to do that.');
  return tenant;
}
