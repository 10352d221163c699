import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, notFound, type Actor, type RequestContext } from '@hearth/contracts';
import { requireActor, subject, type Action, type HearthAbility } from '@hearth/auth';
import { asTenantId, type TenantId } from '@hearth/persistence';
import { TenantsDatabase } from './tenants-database';
import { tenantsAbility } from './tenants.ability';
import { Tenant } from './leros/tenant.entity';
import { overseesRegion } from './leros/lero-admins';
import { tenantClosed } from './leros/leros.exception';
import { Region } from './regions/region.entity';
import { AccountsRepository } from './accounts/accounts.repository';

/** What the gate hands a handler: who asks, what they may do, and the LERO, checked. */
export interface Authorised {
  actor: Actor;
  ability: HearthAbility;
  tenantId: TenantId;
}

/** …with the LERO's row as the gate read it. */
export interface AuthorisedLero extends Authorised {
  tenant: Tenant;
}

/** …for a LERO being onboarded: a new id, in a region the actor may onboard LEROs in. */
export interface AuthorisedOnboarding extends Authorised {
  region: Region;
}

/**
 * The rule for every LERO route of this service: what the actor can't read is NOT_FOUND (ids of other LEROs
 * reveal nothing), what it can read but not do is FORBIDDEN, and a closed LERO is FORBIDDEN. Region staff keep
 * access to a suspended or archived LERO; its own users do not.
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
    throw tenantClosed(tenant.status);
  }
  if (action !== 'read' && !ability.can(action, target))
    throw new AppError('FORBIDDEN', 'You do not have permission to do that.');
  return tenant;
}

/**
 * The one gate of the tenants service: the only place that turns a request into a branded `TenantId` (and the
 * only file that calls `asTenantId`). Handlers pass on the `TenantId` it gives them; the database's tenant scope,
 * the audit log and RLS take nothing else.
 */
@Injectable()
export class TenantsAccess {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly accounts: AccountsRepository,
  ) {}

  /** The LERO `tenantId` names, for the caller to do `action` on (read in `em` when given). */
  async lero(
    ctx: RequestContext,
    tenantId: string,
    action: Action = 'read',
    em: EntityManager = this.db.em(),
  ): Promise<AuthorisedLero> {
    const actor = requireActor(ctx.actor);
    const tenant = authoriseTenant(actor, await em.findOne(Tenant, { id: tenantId }), action);
    return { actor, ability: tenantsAbility(actor), tenantId: asTenantId(tenant.id), tenant };
  }

  /**
   * The gate, then `work` in a transaction of that LERO, where its row is read again (locked for update when
   * asked) and checked again: what the change decides on still holds when it commits.
   */
  async inLero<T>(
    ctx: RequestContext,
    tenantId: string,
    action: Action,
    work: (em: EntityManager, lero: AuthorisedLero) => Promise<T>,
    options: { lock?: boolean } = {},
  ): Promise<T> {
    const checked = await this.lero(ctx, tenantId, action);
    return this.db.forTenant(checked.tenantId).em.transactional(async (em) => {
      const row = await em.findOne(
        Tenant,
        { id: checked.tenantId },
        options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
      );
      return work(em, { ...checked, tenant: authoriseTenant(checked.actor, row, action) });
    });
  }

  /**
   * A new LERO in `regionId`: NOT_FOUND for a region the actor cannot see, FORBIDDEN where it may not onboard;
   * the id the new LERO's row must take.
   */
  async onboarding(ctx: RequestContext, regionId: string): Promise<AuthorisedOnboarding> {
    const actor = requireActor(ctx.actor);
    const ability = tenantsAbility(actor);
    const region = await this.db.em().findOne(Region, { id: regionId });
    const mayCreate = (r: Region) => ability.can('create', subject('Tenant', { regionId: r.id }));
    if (!region || !(ability.can('read', subject('Region', { id: region.id })) || mayCreate(region)))
      throw notFound('Region');
    if (!mayCreate(region))
      throw new AppError('FORBIDDEN', 'Only the platform or this region’s admins can onboard a LERO here.');
    return { actor, ability, region, tenantId: asTenantId(new Tenant().id) };
  }

  /** The LEROs an account holds a role in, read from its grants: where a change to the account itself is logged. */
  async tenantIdsOfAccountGrants(accountId: string): Promise<TenantId[]> {
    return (await this.accounts.leroIdsOf(this.db.em(), accountId)).map(asTenantId);
  }
}

/**
 * An invitation found by its token is its holder's authority for the LERO it names (the holder is not signed
 * in): accepting it writes into that LERO. Only for an invitation read by the hash of the token presented.
 */
export const tenantIdOfPresentedInvitation = (invitation: { tenantId: string | null }): TenantId | null =>
  invitation.tenantId ? asTenantId(invitation.tenantId) : null;
