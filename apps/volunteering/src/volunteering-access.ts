import { forbidden, notFound, type Actor } from '@hearth/contracts';
import { defineAbility, requireActor, subject, type Action, type HearthAbility } from '@hearth/auth';
import { asTenantId, type TenantId } from '@hearth/persistence';

/**
 * The one gate of the volunteering service: the only place that turns a request into who is asking, what they may do
 * and the LERO they may do it in (the branded `TenantId` that repositories take).
 */
export interface Authorised {
  actor: Actor;
  ability: HearthAbility;
  tenantId: TenantId;
}

/**
 * `Training`: the LERO's catalogue of training and checks. `Role`: its volunteering roles (with `status`). `Shift`: the
 * roles' shifts and the rota (with `roleStatus`, the status of the shift's role). `Volunteer`: who the LERO's
 * volunteers are (member ids, from membership's community roles). `TrainingRecord`: volunteers' training and check
 * records (with `memberId`, the member they are of; ADR 0053). `Signup`: places on shifts (with `memberId`: whose).
 * `Passport`: a volunteer's own signed passport (with `memberId`). `Credential`: the passports and credentials the
 * LERO issued, to list and revoke (ADR 0056).
 */
export type VolunteeringSubject =
  'Training' | 'Role' | 'Shift' | 'Volunteer' | 'TrainingRecord' | 'Signup' | 'Passport' | 'Credential';

/**
 * What each grant may do in the volunteering service (ADR 0048): a LERO's tenant-admins and coordinators run it all;
 * its volunteers and members read the catalogue, the open roles and their shifts (the rota; ADR 0051), and sign up or
 * cancel for the member record their account is linked to (ADR 0052). Region and platform staff get nothing here.
 */
export function volunteeringAbility(actor: Actor | undefined): HearthAbility {
  return defineAbility(actor, (grant, { can }) => {
    const { tenantId } = grant;
    if (!tenantId) return;
    switch (grant.role) {
      case 'tenant-admin':
      case 'coordinator':
        can(['create', 'read', 'update'], ['Training', 'Role', 'Shift'], { tenantId });
        can('read', 'Volunteer', { tenantId });
        can(['create', 'read', 'update', 'delete'], 'TrainingRecord', { tenantId });
        can(['create', 'read', 'delete'], 'Signup', { tenantId });
        can(['read', 'update'], 'Credential', { tenantId });
        break;
      case 'volunteer':
      case 'member':
        can('read', 'Training', { tenantId });
        can('read', 'Role', { tenantId, status: 'open' });
        can('read', 'Shift', { tenantId, roleStatus: 'open' });
        // Only for the member record the account is linked to (ADR 0052); whether that member volunteers is
        // membership's community roles (the projection), checked by the sign-up itself.
        if (grant.memberId)
          can(['create', 'read', 'delete'], 'Signup', {
            tenantId,
            memberId: grant.memberId.toLowerCase(),
          });
        break;
    }
    // Whoever's account is linked to a member record reads that member's own training records, and no one else's.
    if (grant.memberId) can('read', 'TrainingRecord', { tenantId, memberId: grant.memberId.toLowerCase() });
    // A passport is issued only to the member record the account is linked to, whoever else the account is (ADR 0056).
    if (grant.memberId) can('create', 'Passport', { tenantId, memberId: grant.memberId.toLowerCase() });
  });
}

/**
 * The gate of every route about a LERO: someone with no grant in it learns nothing (NOT_FOUND, named after what was
 * addressed, as for an id that does not exist); someone of the LERO without the right is FORBIDDEN. `fields` are the
 * conditions the rule is checked against (a role's `status`).
 */
export function authoriseInLero(
  actor: Actor | undefined,
  tenantId: string,
  action: Action,
  what: VolunteeringSubject,
  addressed = 'LERO',
  fields: Record<string, unknown> = {},
): Authorised {
  const who = requireActor(actor);
  if (!who.grants.some((g) => g.tenantId === tenantId)) throw notFound(addressed);
  const ability = volunteeringAbility(who);
  if (!ability.can(action, subject(what, { tenantId, ...fields }))) throw forbidden();
  return { actor: who, ability, tenantId: asTenantId(tenantId) };
}

/** Whether the authorised actor may do this (no throw): for choosing what to show rather than refusing. */
export const allows = (
  a: Authorised,
  action: Action,
  what: VolunteeringSubject,
  fields: Record<string, unknown> = {},
) => a.ability.can(action, subject(what, { tenantId: a.tenantId, ...fields }));

/** The member records of this LERO the actor's account is linked to (a grant's `memberId`, as membership links them). */
export const ownMemberIds = (a: Authorised): string[] =>
  a.actor.grants
    .filter((g) => g.tenantId === a.tenantId && g.memberId)
    .map((g) => (g.memberId as string).toLowerCase());

/**
 * The LERO of a public request about its published passport data (a status list, an issuer's key check): no actor
 * and nothing personal, so no grant is asked for; RLS still keeps the read to that LERO's rows (ADR 0056).
 */
export const publicTenantId = (tenantId: string): TenantId => asTenantId(tenantId);
