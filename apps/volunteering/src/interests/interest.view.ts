import type { InterestChangedEvent, InterestView, RoleInterestView } from '@hearth/contracts';
import type { RoleInterest } from './role-interest.entity';

/** An interest as the lists read it, with its role's title. */
export type InterestRow = Omit<InterestView, 'closedAt' | 'createdAt'> & {
  closedAt: Date | string | null;
  createdAt: Date | string;
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function interestView(i: RoleInterest | InterestRow, roleTitle?: string): InterestView {
  return {
    id: i.id,
    roleId: i.roleId,
    roleTitle: roleTitle ?? (i as InterestRow).roleTitle,
    memberId: i.memberId,
    note: i.note,
    status: i.status,
    outcome: i.outcome,
    closedAt: iso(i.closedAt),
    createdAt: iso(i.createdAt) as string,
    version: i.version,
  };
}

/** An interest in a role's list, with the name membership gave (null: none, or membership unavailable). */
export const roleInterestView = (i: InterestRow, displayName: string | null): RoleInterestView => ({
  ...interestView(i),
  displayName,
});

/** The event of an interest after a change: ids, what became of it, the version. No member id, never the note. */
export const interestEvent = (
  i: RoleInterest,
  status: InterestChangedEvent['status'],
): InterestChangedEvent => ({
  tenantId: i.tenantId,
  interestId: i.id,
  roleId: i.roleId,
  status,
  outcome: status === 'closed' ? i.outcome : null,
  version: i.version,
});
