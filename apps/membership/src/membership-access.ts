import { AppError, notFound, type Actor } from '@hearth/contracts';
import { requireActor, subject, type Action, type HearthAbility } from '@hearth/auth';
import { asTenantId, type TenantId } from '@hearth/persistence';
import { membershipAbility } from './membership.ability';

/**
 * The one gate of the membership service: the only place that turns a request into who is asking, what they
 * may do and the LERO they may do it in (the branded `TenantId` that repositories, audit and scopes take).
 */
export interface Authorised {
  actor: Actor;
  ability: HearthAbility;
  tenantId: TenantId;
}

/** A member acting on their own record (`/me`): the member record linked to their account in this LERO. */
export interface AuthorisedSelf extends Authorised {
  memberId: string;
}

export type MembershipSubject = 'Member' | 'Consent' | 'MemberAudit' | 'LeroData';

/** Staff of a LERO, volunteers included (they check people in), for the names other services ask for. */
const STAFF: string[] = ['tenant-admin', 'coordinator', 'volunteer'];

const holdsTenantGrant = (actor: Actor, tenantId: string) =>
  actor.grants.some((g) => g.tenantId === tenantId);
const isRegionStaff = (actor: Actor) =>
  actor.grants.some((g) => g.role === 'platform-admin' || g.role === 'region-admin');
const outsideTheLero = () =>
  new AppError('FORBIDDEN', 'Person-level data stays inside the LERO; region staff cannot see it.');

/**
 * The gate of every member route: someone with no grant in this LERO learns nothing (NOT_FOUND), except
 * region and platform staff, who can see the LERO exists and are told no (FORBIDDEN); someone of the LERO
 * without the right is FORBIDDEN.
 */
export function authoriseInLero(
  actor: Actor | undefined,
  tenantId: string,
  action: Action,
  subjectType: MembershipSubject,
): Authorised {
  const who = requireActor(actor);
  if (!holdsTenantGrant(who, tenantId)) {
    if (isRegionStaff(who)) throw outsideTheLero();
    throw notFound('LERO');
  }
  const ability = membershipAbility(who);
  // Volunteers may read active members only; the status condition is checked per record afterwards.
  const probe = subjectType === 'Member' && action === 'read' ? { tenantId, status: 'active' } : { tenantId };
  if (!ability.can(action, subject(subjectType, probe))) {
    throw new AppError('FORBIDDEN', 'You do not have permission to do that.');
  }
  return { actor: who, ability, tenantId: asTenantId(tenantId) };
}

/** The member record linked to the actor's own account in this LERO (the `member` grant's `memberId`). */
export function ownMemberId(actor: Actor, tenantId: string): string {
  const grant = actor.grants.find((g) => g.role === 'member' && g.tenantId === tenantId && g.memberId);
  if (!grant?.memberId) {
    if (!holdsTenantGrant(actor, tenantId) && isRegionStaff(actor)) throw outsideTheLero();
    throw new AppError('NOT_FOUND', 'No member record is linked to your account in this LERO.');
  }
  return grant.memberId;
}

/** The gate of `/me`: a member account, in the LERO its record is in, acting on that record only. */
export function authoriseSelf(actor: Actor | undefined, tenantId: string): AuthorisedSelf {
  const who = requireActor(actor);
  const memberId = ownMemberId(who, tenantId);
  return { actor: who, ability: membershipAbility(who), tenantId: asTenantId(tenantId), memberId };
}

/** Who may have a person's data gathered: the LERO's admins and coordinators, or the person themselves. */
export function mayExportMember(actor: Actor | undefined, tenantId: string, memberId: string): boolean {
  const ability = membershipAbility(actor);
  return (
    ability.can('export', subject('Member', { tenantId })) ||
    ability.can('export', subject('Me', { tenantId, memberId }))
  );
}

/**
 * The gate of membership's part of a person's data export, asked on the cross-service subject: NATS is a
 * trust boundary, so the asker's right is checked here too (FORBIDDEN, whoever asks).
 */
export function authoriseExportPart(
  actor: Actor | undefined,
  tenantId: string,
  memberId: string,
): Authorised {
  if (!actor || !mayExportMember(actor, tenantId, memberId)) {
    throw new AppError('FORBIDDEN', 'You may not export this person’s data.');
  }
  return { actor, ability: membershipAbility(actor), tenantId: asTenantId(tenantId) };
}

/**
 * Names of active members, asked by the LERO's other services on behalf of the person using them: staff of the
 * LERO (volunteers included) may have any active member's name, a member only their own, anyone outside the
 * LERO nothing at all (NOT_FOUND). Returns the ids this person may have named.
 */
export function authoriseMemberNames(
  actor: Actor | undefined,
  tenantId: string,
  memberIds: string[],
): Authorised & { memberIds: string[] } {
  const who = requireActor(actor);
  const grants = who.grants.filter((g) => g.tenantId === tenantId);
  if (grants.length === 0) throw notFound('LERO');
  const own = new Set(grants.flatMap((g) => (g.role === 'member' && g.memberId ? [g.memberId] : [])));
  const ids = grants.some((g) => STAFF.includes(g.role)) ? memberIds : memberIds.filter((id) => own.has(id));
  return { actor: who, ability: membershipAbility(who), tenantId: asTenantId(tenantId), memberIds: ids };
}

/**
 * The LERO of work that no request asked for (the retention schedule's rows, read from membership's own
 * tables across LEROs): the one place outside the gate where a string becomes a `TenantId`.
 */
export const trustedTenantId = (tenantId: string): TenantId => asTenantId(tenantId);
