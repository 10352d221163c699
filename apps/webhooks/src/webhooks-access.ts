import { forbidden, notFound, type Actor } from '@hearth/contracts';
import { defineAbility, requireActor, subject, type Action, type HearthAbility } from '@hearth/auth';
import { asRegionId, asTenantId, type RegionId, type TenantId } from '@hearth/persistence';

/**
 * The one gate of the webhooks service: the only place that turns a request into who is asking, what they may do
 * and the LERO they may do it in (the branded `TenantId` that repositories take).
 */
export interface Authorised {
  actor: Actor;
  ability: HearthAbility;
  tenantId: TenantId;
}

/** Whose subscriptions a request is about: a LERO's or a region's, never both (what repositories take). */
export type Owner =
  { tenantId: TenantId; regionId?: undefined } | { regionId: RegionId; tenantId?: undefined };

/** `Webhook`: a subscription, its secret and its delivery log (ADR 0079). */
export type WebhooksSubject = 'Webhook';

const REGION_STAFF = ['region-admin', 'commissioner', 'directory-curator'];

/**
 * A LERO's tenant-admins, a region's region-admins: a webhook tells another system about the LERO or the region, a
 * decision for its admins.
 */
export function webhooksAbility(actor: Actor | undefined): HearthAbility {
  return defineAbility(actor, (grant, { can }) => {
    const { tenantId, regionId } = grant;
    if (tenantId && grant.role === 'tenant-admin')
      can(['create', 'read', 'update', 'delete'], 'Webhook', { tenantId });
    if (!tenantId && regionId && grant.role === 'region-admin')
      can(['create', 'read', 'update', 'delete'], 'Webhook', { regionId });
  });
}

/**
 * The gate of every route about a LERO: someone with no grant in it learns nothing (NOT_FOUND, as for an id that
 * does not exist); someone of the LERO without the right is FORBIDDEN.
 */
export function authoriseInLero(
  actor: Actor | undefined,
  tenantId: string,
  action: Action,
  what: WebhooksSubject,
): Authorised {
  const who = requireActor(actor);
  if (!who.grants.some((g) => g.tenantId === tenantId)) throw notFound('LERO');
  const ability = webhooksAbility(who);
  if (!ability.can(action, subject(what, { tenantId }))) throw forbidden();
  return { actor: who, ability, tenantId: asTenantId(tenantId) };
}

/**
 * The gate of every route about a region's own subscriptions: someone who holds no role in the region learns nothing
 * (NOT_FOUND); its other staff (commissioners, curators) are FORBIDDEN.
 */
export function authoriseInRegion(
  actor: Actor | undefined,
  regionId: string,
  action: Action,
  what: WebhooksSubject,
): { actor: Actor; regionId: RegionId } {
  const who = requireActor(actor);
  const staff = who.grants.some(
    (g) => !g.tenantId && g.regionId === regionId && REGION_STAFF.includes(g.role),
  );
  if (!staff) throw notFound('Region');
  if (!webhooksAbility(who).can(action, subject(what, { regionId }))) throw forbidden();
  return { actor: who, regionId: asRegionId(regionId) };
}

/** The LERO of an event read off JetStream (a fact of the events service, not a caller's claim). */
export const leroOfEvent = (tenantId: string): TenantId => asTenantId(tenantId);
