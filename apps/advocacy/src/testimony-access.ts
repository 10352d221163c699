import { forbidden, notFound, type Actor, type PublicTenantView } from '@hearth/contracts';
import { defineAbility, requireActor, subject, type Action, type HearthAbility } from '@hearth/auth';
import { asTenantId, type TenantId } from '@hearth/persistence';

/**
 * The gate of collective testimony (ADR 0066), beside `advocacy-access.ts` (consultations): the only other place in
 * the service that turns a request into who is asking, what they may do and the LERO (`TenantId`) they may do it in.
 */
export interface TestimonyAuthorised {
  actor: Actor;
  ability: HearthAbility;
  tenantId: TenantId;
}

/** A member acting on their own testimony: their LERO and the member record their account is linked to. */
export interface Contributor extends TestimonyAuthorised {
  memberId: string;
}

/**
 * `Theme`: a LERO's themes (`status` for what members may see). `Piece`: pieces as staff review them (`review`:
 * approve, propose an edit). `Testimony`: a member's own pieces (contribute, accept an edit, withdraw, read).
 * `MemberData`: what advocacy holds of one person, for their data export (with `memberId`).
 */
export type TestimonySubject = 'Theme' | 'Piece' | 'Testimony' | 'MemberData';

/**
 * tenant-admins and coordinators: run the LERO's themes and review their pieces. Members linked to a member record:
 * read open themes, contribute, and act on their own pieces. Nobody else inside a LERO; everyone reads published
 * themes on the public page, without signing in.
 */
export function testimonyAbility(actor: Actor | undefined): HearthAbility {
  return defineAbility(actor, (grant, { can }) => {
    const { tenantId } = grant;
    if (tenantId && (grant.role === 'tenant-admin' || grant.role === 'coordinator')) {
      can(['create', 'read', 'update'], 'Theme', { tenantId });
      can(['read', 'update'], 'Piece', { tenantId });
      can('export', 'MemberData', { tenantId });
    }
    if (tenantId && grant.role === 'member' && grant.memberId) {
      can('read', 'Theme', { tenantId, status: 'open' });
      can(['create', 'read', 'update'], 'Testimony', { tenantId });
      // A member exports their own data (membership's `/me/export`), as other services let them.
      can('export', 'MemberData', { tenantId, memberId: grant.memberId.toLowerCase() });
    }
  });
}

/**
 * The gate of every testimony route about a LERO: someone with no grant in it learns nothing (NOT_FOUND, as for an
 * id that does not exist); someone of the LERO without the right is FORBIDDEN.
 */
export function authoriseTestimony(
  actor: Actor | undefined,
  tenantId: string,
  action: Action,
  what: TestimonySubject,
  fields: Record<string, unknown> = {},
): TestimonyAuthorised {
  const who = requireActor(actor);
  if (!who.grants.some((g) => g.tenantId === tenantId)) throw notFound('LERO');
  const ability = testimonyAbility(who);
  if (!ability.can(action, subject(what, { tenantId, ...fields }))) throw forbidden();
  return { actor: who, ability, tenantId: asTenantId(tenantId) };
}

/** A member acting on their own testimony: their account must be linked to one of the LERO's member records. */
export function authoriseContributor(
  actor: Actor | undefined,
  tenantId: string,
  action: Action,
): Contributor {
  const authorised = authoriseTestimony(actor, tenantId, action, 'Testimony');
  const memberId = authorised.actor.grants
    .find((g) => g.tenantId === tenantId && g.role === 'member' && g.memberId)
    ?.memberId?.toLowerCase();
  if (!memberId) throw forbidden('Your account is not linked to a member record of this LERO.');
  return { ...authorised, memberId };
}

/** Whether an authorised caller may also do this (a member reading a theme of one status). */
export const testimonyAllows = (
  a: { ability: HearthAbility },
  action: Action,
  what: TestimonySubject,
  fields: Record<string, unknown>,
) => a.ability.can(action, subject(what, fields));

/**
 * A LERO's published testimony, asked without an actor: the tenants service answered for the slug, which it does
 * only while the LERO is active, and the caller is shown only published themes' approved pieces.
 */
export const publicTestimonyOf = (lero: PublicTenantView): TenantId => asTenantId(lero.id);

/** The LERO of a member erased (a consumed event names it): their pieces there are withdrawn. */
export const erasedMembersLero = (tenantId: string): TenantId => asTenantId(tenantId);
