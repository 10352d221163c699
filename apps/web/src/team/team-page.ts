import type {
  PendingInvitationView,
  RegionRole,
  TeamAccountView,
  TenantRole,
  TenantTeamView,
  TenantView,
} from '@hearth/contracts';
import { isPlatformAdmin, ROLE_NAMES } from '../navigation/navigation';
import { longDate, dateAndTime } from '../http/time';
import { cancelsInvitation, removesRole, resetsPassword } from './team-roles';
import type { Viewer } from '../session/web-session';

export interface Action {
  text: string;
  href: string;
  /** For screen readers: whom the link is about ("Remove as coordinator" … "Alex"). */
  hidden: string;
}

export interface PersonRow {
  name: string;
  email: string;
  disabled: boolean;
  roles: string;
  rolesLabel: 'Role' | 'Roles';
  you: boolean;
  actions: Action[];
}

export interface InvitationRow {
  email: string;
  role: string;
  until: string;
  takesEffect?: string;
  reason?: string;
  cancel?: Action;
}

const roleName = (role: string) => ROLE_NAMES[role as TenantRole | RegionRole] ?? role;

/** A team's people as the page lists them, each with what this viewer may do about them. */
export function personRows<R extends string>(
  viewer: Viewer,
  accounts: TeamAccountView[],
  base: string,
  mayRemove: (accountId: string, role: R) => boolean,
  mayReset: (accountId: string) => boolean = () => false,
): PersonRow[] {
  return accounts.map((a) => {
    const actions: Action[] = [];
    for (const { role } of a.roles) {
      if (!mayRemove(a.accountId, role as R)) continue;
      const self = a.accountId === viewer.accountId;
      actions.push({
        text: self
          ? `Give up ${roleName(role).toLowerCase()} role`
          : `Remove as ${roleName(role).toLowerCase()}`,
        href: `${base}/${a.accountId}/roles/${role}/remove`,
        hidden: self ? '' : ` (${a.displayName})`,
      });
    }
    if (mayReset(a.accountId))
      actions.push({
        text: 'Reset password',
        href: `${base}/${a.accountId}/reset-password`,
        hidden: ` for ${a.displayName}`,
      });
    if (isPlatformAdmin(viewer) && a.accountId !== viewer.accountId) {
      actions.push(
        a.disabled
          ? { text: 'Enable account', href: `${base}/${a.accountId}/enable`, hidden: ` of ${a.displayName}` }
          : {
              text: 'Disable account',
              href: `${base}/${a.accountId}/disable`,
              hidden: ` of ${a.displayName}`,
            },
      );
    }
    return {
      name: a.displayName,
      email: a.email,
      disabled: a.disabled,
      roles: a.roles.map((r) => roleName(r.role)).join(', '),
      rolesLabel: a.roles.length > 1 ? 'Roles' : 'Role',
      you: a.accountId === viewer.accountId,
      actions,
    };
  });
}

export function invitationRows(
  invitations: PendingInvitationView[],
  base: string,
  mayCancel: (i: PendingInvitationView) => boolean,
): InvitationRow[] {
  return invitations.map((i) => ({
    email: i.email,
    role: roleName(i.role),
    until: longDate(i.expiresAt),
    ...(i.takesEffectAt ? { takesEffect: dateAndTime(i.takesEffectAt) } : {}),
    ...(i.reason ? { reason: i.reason } : {}),
    ...(mayCancel(i)
      ? {
          cancel: {
            text: 'Cancel',
            href: `${base}/invitations/${i.id}/cancel`,
            hidden: ` invitation for ${i.email}`,
          },
        }
      : {}),
  }));
}

/** The LERO's team page: its people and invitations, with the actions this viewer may take. */
export function leroTeamPage(viewer: Viewer, lero: TenantView, team: TenantTeamView) {
  const base = `/leros/${lero.id}/team`;
  // The last admin who can sign in cannot step down (the API refuses it): no link that would fail.
  const enabledAdmins = team.accounts.filter(
    (a) => !a.disabled && a.roles.some((r) => r.role === 'tenant-admin'),
  );
  const lastAdmin = enabledAdmins.length === 1 ? enabledAdmins[0].accountId : undefined;
  return {
    people: personRows<TenantRole>(
      viewer,
      team.accounts,
      base,
      (accountId, role) =>
        !(role === 'tenant-admin' && accountId === lastAdmin) && removesRole(viewer, lero, accountId, role),
      (accountId) => resetsPassword(viewer, lero, accountId),
    ),
    invitations: invitationRows(team.invitations, base, (i) => cancelsInvitation(viewer, lero, i)),
  };
}
