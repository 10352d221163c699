import {
  forbidden,
  notFound,
  type Actor,
  type PublicRegionView,
  type PublicTenantView,
} from '@hearth/contracts';
import { requireActor, subject, type Action, type HearthAbility } from '@hearth/auth';
import { asRegionId, asTenantId, type RegionId, type TenantId } from '@hearth/persistence';
import { eventsAbility } from './events.ability';

export type EventsSubject = 'Activity' | 'Session' | 'Rsvp' | 'Attendance' | 'LeroData';

export interface Authorised {
  actor: Actor;
  ability: HearthAbility;
  tenantId: TenantId;
}

/**
 * The one gate of this service: the only place a request becomes a `TenantId`. An actor who cannot see a
 * LERO's programme gets NOT_FOUND (named after what was addressed, so another LERO's ids reveal nothing); one
 * who can see it but not do this gets FORBIDDEN.
 */
export function authorise(
  actor: Actor | undefined,
  tenantId: string,
  action: Action,
  what: EventsSubject,
  addressed = 'LERO',
  fields: Record<string, unknown> = {},
): Authorised {
  const who = requireActor(actor);
  const ability = eventsAbility(who);
  if (!ability.can('read', subject('Session', { tenantId }))) throw notFound(addressed);
  if (!ability.can(action, subject(what, { tenantId, ...fields }))) throw forbidden();
  return { actor: who, ability, tenantId: asTenantId(tenantId) };
}

/** Whether the actor may do this (no throw): for choosing what to show rather than refusing. */
export const allows = (
  a: Authorised,
  action: Action,
  what: EventsSubject,
  fields: Record<string, unknown> = {},
) => a.ability.can(action, subject(what, { tenantId: a.tenantId, ...fields }));

/** The member records of this LERO the actor is (as a member). */
export const ownMemberIds = (a: Authorised): string[] =>
  a.actor.grants
    .filter((g) => g.tenantId === a.tenantId && g.role === 'member' && g.memberId)
    .map((g) => g.memberId as string);

/**
 * A person's data export (events' part): the LERO's admins and coordinators may export anyone's, a member their
 * own. Asked by membership over NATS, a trust boundary, so the asker's right is checked here too.
 */
export function authoriseMemberExport(
  actor: Actor | undefined,
  tenantId: string,
  memberId: string,
): Authorised {
  const may = actor?.grants.some(
    (g) =>
      g.tenantId === tenantId &&
      (g.role === 'tenant-admin' ||
        g.role === 'coordinator' ||
        (g.role === 'member' && g.memberId === memberId)),
  );
  if (!actor || !may) throw forbidden('You may not export this person’s data.');
  return { actor, ability: eventsAbility(actor), tenantId: asTenantId(tenantId) };
}

/**
 * The public programme, asked without an actor: the tenants service answered for the slug, which it does only
 * while the LERO is active, and the caller is shown only sessions of public activities.
 */
export const publicProgrammeOf = (lero: PublicTenantView): TenantId => asTenantId(lero.id);

/**
 * A region's OpenActive feed, asked without an actor: the tenants service answered for the slug, and the feed
 * holds only what the region's LEROs chose to publish (ADR 0078).
 */
export const openActiveRegionOf = (region: PublicRegionView): RegionId => asRegionId(region.id);

/**
 * For work no request asks for, so nobody to authorise: the held sweeper's queue rows, which this service wrote
 * in that LERO's own transaction. The one cast outside the request paths; never give it a request's tenant.
 */
export const tenantIdOfTrustedRow = (tenantId: string): TenantId => asTenantId(tenantId);
