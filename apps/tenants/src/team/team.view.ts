import type { EntityManager } from '@mikro-orm/postgresql';
import { ROLES, type PendingInvitationView, type Role, type TeamAccountView } from '@hearth/contracts';
import { Account } from '../accounts/account.entity';
import type { RoleGrant } from '../accounts/role-grant.entity';
import type { Invitation } from '../invitations/invitation.entity';

const rank = (role: Role) => ROLES.indexOf(role);

/** The accounts behind some grants, each once with its roles, the most senior role first, then by name. */
export async function teamAccounts<R extends Role>(
  em: EntityManager,
  grants: RoleGrant[],
): Promise<TeamAccountView<R>[]> {
  if (grants.length === 0) return [];
  const accounts = await em.find(Account, { id: { $in: [...new Set(grants.map((g) => g.accountId))] } });
  return accounts
    .map((account) => ({
      accountId: account.id,
      displayName: account.displayName,
      email: account.email,
      disabled: !!account.disabledAt,
      roles: grants
        .filter((g) => g.accountId === account.id)
        .sort((a, b) => rank(a.role) - rank(b.role))
        .map((g) => ({
          role: g.role as R,
          since: g.createdAt.toISOString(),
          ...(g.memberId ? { memberId: g.memberId } : {}),
        })),
    }))
    .sort(
      (a, b) =>
        rank(a.roles[0].role) - rank(b.roles[0].role) || a.displayName.localeCompare(b.displayName, 'en'),
    );
}

export const pendingInvitationView = (i: Invitation): PendingInvitationView => ({
  id: i.id,
  // A pending invitation always holds its email: erasure clears it only from spent ones.
  email: i.email ?? '',
  role: i.role,
  invitedBy: i.invitedBy,
  createdAt: i.createdAt.toISOString(),
  expiresAt: i.expiresAt.toISOString(),
  ...(i.notBefore ? { takesEffectAt: i.notBefore.toISOString() } : {}),
  ...(i.reason ? { reason: i.reason } : {}),
});
