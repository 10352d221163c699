import { forbidden, notFound, type Actor, type PublicTenantView } from '@hearth/contracts';
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
 * `Hours`: volunteers' hours entries and totals (with `memberId`: whose; `update` is approving and declining; ADR 0054).
 * `Interest`: people's interest in roles (with `memberId`: whose; `update` is following one up; ADR 0063).
 * `MemberData`: everything volunteering holds of one person, for their data export (with `memberId`); `LeroData`: the
 * LERO's whole volunteering, for its archive (ADR 0060). `Passport`: a volunteer's own signed passport (with `memberId`).
 * `Credential`: the passports and credentials the LERO issued, to list and revoke (ADR 0056).
 */
export type VolunteeringSubject =
  | 'Training'
  | 'Role'
  | 'Shift'
  | 'Volunteer'
  | 'TrainingRecord'
  | 'Signup'
  | 'Hours'
  | 'Interest'
  | 'MemberData'
  | 'LeroData'
  | 'Passport'
  | 'Credential';

/**
 * What each grant may do in the volunteering service (ADR 0048): a LERO's tenant-admins and coordinators run it all;
 * its volunteers and members read the catalogue, the open roles and their shifts (the rota; ADR 0051), and sign up or
 * cancel for the member record their account is linked to (ADR 0052). Region and platform staff get nothing here.
 */
export function volunteeringAbility(actor: Actor | undefined): HearthAbility {
  return defineAbility(actor, (grant, { can }) => {
    const { tenantId } = grant;
    if (!tenantId) return;
    // The LERO's whole archive is an act of the LERO as controller: its tenant-admins only (ADR 0034).
    if (grant.role === 'tenant-admin') can('export', 'LeroData', { tenantId });
    switch (grant.role) {
      case 'tenant-admin':
      case 'coordinator':
        can(['create', 'read', 'update'], ['Training', 'Role', 'Shift'], { tenantId });
        can('read', 'Volunteer', { tenantId });
        can(['create', 'read', 'update', 'delete'], 'TrainingRecord', { tenantId });
        can(['create', 'read', 'delete'], 'Signup', { tenantId });
        can(['create', 'read', 'update'], 'Hours', { tenantId });
        can(['read', 'update'], 'Interest', { tenantId });
        can('export', 'MemberData', { tenantId });
        can(['read', 'update'], 'Credential', { tenantId });
        break;
      case 'volunteer':
      case 'member':
        can('read', 'Training', { tenantId });
        can('read', 'Role', { tenantId, status: 'open' });
        can('read', 'Shift', { tenantId, roleStatus: 'open' });
        // Only for the member record the account is linked to (ADR 0052); whether that member volunteers is
        // membership's community roles (the projection), checked by the sign-up itself.
        if (grant.memberId) {
          const memberId = grant.memberId.toLowerCase();
          can(['create', 'read', 'delete'], 'Signup', { tenantId, memberId });
          // Their own hours: logged and read, never approved (ADR 0054).
          can(['create', 'read'], 'Hours', { tenantId, memberId });
        }
        break;
    }
    // Whoever's account is linked to a member record reads that member's own training records, and no one else's.
    if (grant.memberId) can('read', 'TrainingRecord', { tenantId, memberId: grant.memberId.toLowerCase() });
    // Whoever's account is linked to a member record says they are interested in a role, or no longer (ADR 0063).
    if (grant.memberId)
      can(['create', 'read', 'delete'], 'Interest', { tenantId, memberId: grant.memberId.toLowerCase() });
    // A member exports their own data (membership's `/me/export`), as events let them (ADR 0060).
    if (grant.role === 'member' && grant.memberId)
      can('export', 'MemberData', { tenantId, memberId: grant.memberId.toLowerCase() });
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

/**
 * The gate of a route about the caller's own member record ("me"): as `authoriseInLero`, and then FORBIDDEN for an
 * account linked to no member record of the LERO, or not allowed `action` on `what` of its own.
 */
export function authoriseOwnRecord(
  actor: Actor | undefined,
  tenantId: string,
  action: Action,
  what: VolunteeringSubject,
): Authorised & { memberId: string } {
  const who = requireActor(actor);
  if (!who.grants.some((g) => g.tenantId === tenantId)) throw notFound('LERO');
  const memberId = who.grants.find((g) => g.tenantId === tenantId && g.memberId)?.memberId?.toLowerCase();
  if (!memberId) throw forbidden('Your account is not linked to a member record of this LERO.');
  return { ...authoriseInLero(who, tenantId, action, what, 'LERO', { memberId }), memberId };
}

/** The member records of this LERO the actor's account is linked to (a grant's `memberId`, as membership links them). */
export const ownMemberIds = (a: Authorised): string[] =>
  a.actor.grants
    .filter((g) => g.tenantId === a.tenantId && g.memberId)
    .map((g) => (g.memberId as string).toLowerCase());

/**
 * A LERO's public roles, asked without an actor: the tenants service answered for the slug, which it does only while
 * the LERO is active, and the caller is shown only open public roles (ADR 0058).
 */
export const publicRolesOf = (lero: PublicTenantView): TenantId => asTenantId(lero.id);

/**
 * The LERO of a public request about its published passport data (a status list, an issuer's key check): no actor
 * and nothing personal, so no grant is asked for; RLS still keeps the read to that LERO's rows (ADR 0056).
 */
export const publicTenantId = (tenantId: string): TenantId => asTenantId(tenantId);

/**
 * For work no request asks for, so nobody to authorise: the shift reminder sweep's list rows (ADR 0081), which a
 * trigger wrote in that LERO's own transaction. Never give it a request's tenant.
 */
export const tenantIdOfTrustedRow = (tenantId: string): TenantId => asTenantId(tenantId);
