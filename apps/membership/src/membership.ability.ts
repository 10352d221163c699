import { AppError, MEMBER_FIELDS, MEMBER_SUMMARY_FIELDS, notFound, type Actor } from '@hearth/contracts';
import { defineAbility, subject, type Action, type HearthAbility } from '@hearth/auth';

/**
 * What each grant may do in the membership service. Subjects: Member (conditions on tenantId and status;
 * volunteers are limited to MEMBER_SUMMARY_FIELDS of active members), Consent, MemberAudit, and Me (a member's own
 * record, through `/me` only). Region, commissioner and platform grants give nothing here: no person-level
 * data is visible outside the LERO.
 */
export function membershipAbility(actor: Actor | undefined): HearthAbility {
  return defineAbility(actor, (grant, { can }) => {
    const { tenantId } = grant;
    if (!tenantId) return;
    switch (grant.role) {
      case 'tenant-admin':
        can(['create', 'read', 'update', 'delete', 'import', 'export'], 'Member', { tenantId });
        can('read', 'Consent', { tenantId });
        can('read', 'MemberAudit', { tenantId });
        break;
      case 'coordinator':
        can(['create', 'read', 'update', 'delete', 'import', 'export'], 'Member', { tenantId });
        can('read', 'Consent', { tenantId });
        break;
      case 'volunteer':
        can('read', 'Member', [...MEMBER_SUMMARY_FIELDS], { tenantId, status: 'active' });
        break;
      case 'member':
        if (grant.memberId) can(['read', 'update', 'export'], 'Me', { tenantId, memberId: grant.memberId });
        break;
    }
  });
}

const holdsTenantGrant = (actor: Actor, tenantId: string) =>
  actor.grants.some((g) => g.tenantId === tenantId);
const isRegionStaff = (actor: Actor) =>
  actor.grants.some((g) => g.role === 'platform-admin' || g.role === 'region-admin');

/**
 * The gate of every member route: someone with no grant in this LERO learns nothing (NOT_FOUND), except
 * region and platform staff, who can see the LERO exists and are told no (FORBIDDEN); someone of the LERO
 * without the right is FORBIDDEN.
 */
export function authoriseInLero(
  actor: Actor,
  tenantId: string,
  action: Action,
  subjectType: 'Member' | 'Consent' | 'MemberAudit',
): HearthAbility {
  if (!holdsTenantGrant(actor, tenantId)) {
    if (isRegionStaff(actor))
      throw new AppError('FORBIDDEN', 'Person-level data stays inside the LERO; region staff cannot see it.');
    throw notFound('LERO');
  }
  const ability = membershipAbility(actor);
  // Volunteers may read active members only; the status condition is checked per record afterwards.
  const probe = subjectType === 'Member' && action === 'read' ? { tenantId, status: 'active' } : { tenantId };
  if (!ability.can(action, subject(subjectType, probe))) {
    throw new AppError('FORBIDDEN', 'You do not have permission to do that.');
  }
  return ability;
}

/** Whether the actor may read every field of the record, or only what a volunteer sees. */
export const seesWholeRecord = (ability: HearthAbility, tenantId: string, status: string) =>
  MEMBER_FIELDS.every((field) => ability.can('read', subject('Member', { tenantId, status }), field));

/** The member record linked to the actor's own account in this LERO (the `member` grant's `memberId`). */
export function ownMemberId(actor: Actor, tenantId: string): string {
  const grant = actor.grants.find((g) => g.role === 'member' && g.tenantId === tenantId && g.memberId);
  if (!grant?.memberId) {
    if (!holdsTenantGrant(actor, tenantId) && isRegionStaff(actor))
      throw new AppError('FORBIDDEN', 'Person-level data stays inside the LERO; region staff cannot see it.');
    throw new AppError('NOT_FOUND', 'No member record is linked to your account in this LERO.');
  }
  return grant.memberId;
}

/** Who may have a person's data gathered: the LERO's admins and coordinators, or the person themselves. */
export function mayExportMember(actor: Actor | undefined, tenantId: string, memberId: string): boolean {
  const ability = membershipAbility(actor);
  return (
    ability.can('export', subject('Member', { tenantId })) ||
    ability.can('export', subject('Me', { tenantId, memberId }))
  );
}
