import { AppError, notFound, type Actor } from '@hearth/contracts';
import { requireActor, subject, type Action, type HearthAbility } from '@hearth/auth';
import { asTenantId, type TenantId } from '@hearth/persistence';
import { reportingAbility } from './reporting.ability';

/**
 * The one gate of the reporting service: the only place that turns a request into who is asking, what they
 * may do and what they may do it to: a LERO (the branded `TenantId` the figures are read under) or a region.
 */
export interface Authorised {
  actor: Actor;
  ability: HearthAbility;
  tenantId: TenantId;
}

/** A region's reports and settings hold no LERO's rows of their own: the gate gives the region instead. */
export interface RegionAuthorised {
  actor: Actor;
  ability: HearthAbility;
  regionId: string;
}

const forbidden = () => new AppError('FORBIDDEN', 'You do not have permission to see these figures.');

/**
 * A region's reports and settings: someone with no regional reporting role at all gets FORBIDDEN; someone
 * with one, asking about a region it does not cover, gets NOT_FOUND (ids of other regions reveal nothing).
 */
export function authoriseRegion(
  actor: Actor | undefined,
  regionId: string,
  what: 'RegionReport' | 'ReportingSettings',
  action: Action = 'read',
): RegionAuthorised {
  const who = requireActor(actor);
  const ability = reportingAbility(who);
  if (!ability.can('read', 'RegionReport')) throw forbidden();
  if (!ability.can('read', subject(what, { regionId }))) throw notFound('Region');
  if (!ability.can(action, subject(what, { regionId }))) throw forbidden();
  return { actor: who, ability, regionId };
}

/** Whether the actor's grant names the region itself (so it exists even before reporting has heard of it). */
export const holdsRegionGrant = (actor: Actor, regionId: string) =>
  actor.grants.some(
    (g) => g.regionId === regionId && (g.role === 'region-admin' || g.role === 'commissioner'),
  );

/**
 * A LERO's own exact figures: its tenant-admins and coordinators. Others who can see the LERO (its volunteers
 * and members, region and platform staff) get FORBIDDEN; anyone else NOT_FOUND. `regionId` is the LERO's
 * region as reporting knows it (null when it has not heard of the LERO).
 */
export function authoriseLero(
  actor: Actor | undefined,
  tenantId: string,
  regionId: string | null,
): Authorised {
  const who = requireActor(actor);
  const ability = reportingAbility(who);
  if (ability.can('read', subject('LeroReport', { tenantId })))
    return { actor: who, ability, tenantId: asTenantId(tenantId) };
  const seesLero = who.grants.some(
    (g) =>
      g.tenantId === tenantId ||
      g.role === 'platform-admin' ||
      (g.role === 'region-admin' && regionId !== null && g.regionId === regionId),
  );
  throw seesLero ? forbidden() : notFound('LERO');
}

/**
 * The LERO of work that no request asked for: LEROs read from reporting's own directory (the release and
 * erasure-link sweeps, a region's LEROs in its report). The one place outside the gate where a string becomes
 * a `TenantId`.
 */
export const trustedTenantId = (tenantId: string): TenantId => asTenantId(tenantId);
