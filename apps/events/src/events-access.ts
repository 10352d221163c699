import { forbidden, notFound, type Actor } from '@hearth/contracts';
import { requireActor, subject, type Action, type HearthAbility } from '@hearth/auth';
import { asTenantId, type TenantId } from '@hearth/persistence';
import { eventsAbility } from './events.ability';

export type EventsSubject = 'Activity' | 'Session' | 'Rsvp' | 'Attendance';

export interface Authorised {
  actor: Actor;
  ability: HearthAbility;
  tenantId: TenantId;
}

/**
 * The one gate of this service. An actor who cannot see a LERO's programme gets NOT_FOUND (named after what
 * was addressed, so another LERO's ids reveal nothing); one who can see it but not do this gets FORBIDDEN.
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
