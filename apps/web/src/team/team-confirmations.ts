import type { PendingInvitationView, TeamAccountView } from '@hearth/contracts';
import { ROLE_NAMES } from '../navigation/navigation';
import type { HearthApiCalls } from '../api/hearth-api';
import { PageNotFound } from '../http/web-errors';

/** What a confirmation page (`confirm.njk`) says and where its form goes. */
export interface Confirmation {
  caption?: string;
  question: string;
  paragraphs: string[];
  warning?: string;
  button: string;
  classes?: string;
  action: string;
  cancelHref: string;
}

const roleWord = (role: string) => (ROLE_NAMES[role as keyof typeof ROLE_NAMES] ?? role).toLowerCase();

/** "a volunteer", "an admin". */
export const aRole = (role: string) => {
  const word = roleWord(role);
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
};

export function findAccount(accounts: TeamAccountView[], accountId: string): TeamAccountView {
  const account = accounts.find((a) => a.accountId === accountId);
  if (!account) throw new PageNotFound();
  return account;
}

export function findInvitation(
  invitations: PendingInvitationView[],
  invitationId: string,
): PendingInvitationView {
  const invitation = invitations.find((i) => i.id === invitationId);
  if (!invitation) throw new PageNotFound();
  return invitation;
}

/** Taking a role away, or giving up one's own. */
export function removeRoleConfirmation(
  place: string,
  who: { name: string; self: boolean },
  role: string,
  action: string,
  cancelHref: string,
): Confirmation {
  return who.self
    ? {
        caption: place,
        question: `Give up your ${roleWord(role)} role at ${place}?`,
        paragraphs: [
          `You will no longer be ${aRole(role)} at ${place}. To have the role again, someone will need to invite you.`,
        ],
        button: 'Yes, give it up',
        classes: 'govuk-button--warning',
        action,
        cancelHref,
      }
    : {
        caption: place,
        question: `Remove ${who.name} as ${roleWord(role)}?`,
        paragraphs: [
          `${who.name} will no longer be ${aRole(role)} at ${place}, and is signed out of Hearth everywhere at once.`,
          'Anything they recorded stays. You can invite them again later.',
        ],
        button: 'Yes, remove the role',
        classes: 'govuk-button--warning',
        action,
        cancelHref,
      };
}

export function cancelConfirmation(
  place: string,
  invitation: PendingInvitationView,
  action: string,
  cancelHref: string,
): Confirmation {
  return {
    caption: place,
    question: `Cancel the invitation for ${invitation.email}?`,
    paragraphs: [
      invitation.takesEffectAt
        ? 'The appointment will not take effect, and its link will stop working.'
        : 'The invitation link will stop working. You can invite them again later.',
    ],
    button: 'Yes, cancel it',
    classes: 'govuk-button--warning',
    action,
    cancelHref,
  };
}

export function accountStatusConfirmation(
  change: 'disable' | 'enable',
  account: TeamAccountView,
  action: string,
  cancelHref: string,
): Confirmation {
  return change === 'disable'
    ? {
        question: `Disable ${account.displayName}’s account?`,
        paragraphs: [
          `${account.displayName} (${account.email}) will be signed out everywhere and cannot sign in until the account is enabled again. Their roles are kept.`,
        ],
        warning: 'They lose access to every LERO and region at once, not only this one.',
        button: 'Yes, disable the account',
        classes: 'govuk-button--warning',
        action,
        cancelHref,
      }
    : {
        question: `Enable ${account.displayName}’s account?`,
        paragraphs: [`${account.displayName} can sign in again, with the roles they had.`],
        button: 'Yes, enable the account',
        action,
        cancelHref,
      };
}

/** Disables or enables an account, returning the flash that says so. */
export async function changeAccountStatus(
  calls: HearthApiCalls,
  change: 'disable' | 'enable',
  account: TeamAccountView,
): Promise<{ title: string; text: string }> {
  if (change === 'disable') await calls.disableAccount(account.accountId);
  else await calls.enableAccount(account.accountId);
  return change === 'disable'
    ? { title: 'Account disabled', text: `${account.displayName} cannot sign in until it is enabled again.` }
    : { title: 'Account enabled', text: `${account.displayName} can sign in again.` };
}

export const isAccountChange = (value: string): value is 'disable' | 'enable' =>
  value === 'disable' || value === 'enable';
