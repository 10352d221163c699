import { AppError, notFound, type Actor } from '@hearth/contracts';
import { requireActor, subject, type Action } from '@hearth/auth';
import { reportingAbility } from './reporting.ability';

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
): Actor {
  const who = requireActor(actor);
  const ability = reportingAbility(who);
  if (!ability.can('read', 'RegionReport')) throw forbidden();
  if (!ability.can('read', subject(what, { regionId }))) throw notFound('Region');
  if (!ability.can(action, subject(what, { regionId }))) throw forbidden();
  return who;
}

/** Whether the actor's grant names the region itself (so it exists even before reporting has heard of it). */
export const holdsRegionGrant = (actor: Actor, regionId: string) =>
  actor.grants.some(
    (g) => g.regionId === regionId && (g.role === 'region-admin' || g.role === 'commissioner'),
  );

/**
 * A LERO's own exact figures: its tenant-admins and coordinators. Others who can see the LERO (its volunteers
 * and members, region and platform staff) get FORBIDDEN; anyone else NOT_FOUND.
 */
export function authoriseLero(actor: Actor | undefined, tenantId: string, regionId: string | null): Actor {
  const who = requireActor(actor);
  if (reportingAbility(who).can('read', subject('LeroReport', { tenantId }))) return who;
  const seesLero = who.grants.some(
    (g) =>
      g.tenantId === tenantId ||
      g.role === 'platform-admin' ||
      (g.role === 'region-admin' && regionId !== null && g.regionId === regionId),
  );
  throw seesLero ? forbidden() : notFound('LERO');
}
