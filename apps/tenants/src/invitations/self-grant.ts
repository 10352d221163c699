import type { Actor } from '@hearth/contracts';
import { normaliseEmail } from '../secret-token.util';
import { selfGrant } from './invitations.exception';

/** Nobody may grant a role to their own account: not by inviting their own email… */
export function refuseOwnEmail(actor: Actor, email: string): void {
  if (normaliseEmail(email) === normaliseEmail(actor.email)) throw selfGrant();
}

/** …and not by accepting, with their own account, an invitation they made. */
export function refuseOwnInvitation(invitedBy: string | null, accountId: string | undefined): void {
  if (invitedBy && accountId && invitedBy === accountId) throw selfGrant();
}
