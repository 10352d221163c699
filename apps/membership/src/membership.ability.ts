import { MEMBER_FIELDS, MEMBER_SUMMARY_FIELDS, type Actor } from '@hearth/contracts';
import { defineAbility, subject, type HearthAbility } from '@hearth/auth';

/**
 * What each grant may do in the membership service. Subjects: Member (conditions on tenantId and status;
 * volunteers are limited to MEMBER_SUMMARY_FIELDS of active members), Consent, MemberAudit, and Me (a member's own
 * record, through `/me` only), LeroData (the LERO's whole archive). Region, commissioner and platform grants give nothing here: no person-level
 * data is visible outside the LERO. The gate that applies it to a request is `membership-access.ts`.
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
        // The LERO's whole archive (ADR 0034): every record, every consent; its admins only.
        can('export', 'LeroData', { tenantId });
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

/** Whether the actor may read every field of the record, or only what a volunteer sees. */
export const seesWholeRecord = (ability: HearthAbility, tenantId: string, status: string) =>
  MEMBER_FIELDS.every((field) => ability.can('read', subject('Member', { tenantId, status }), field));
