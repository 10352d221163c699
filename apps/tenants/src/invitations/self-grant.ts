import { AppError, type Actor } from '@hearth/contracts';
import { normaliseEmail } from '../secret-token.util';

const SELF_GRANT = 'Nobody can give a role to their own account. Ask another admin to invite you.';

/** Nobody may grant a role to their own account: not by inviting their own email… */
export function refuseOwnEmail(actor: Actor, email: string): void {
  if (normaliseEmail(email) === normaliseEmail(actor.email))
    throw new AppError('FORBIDDEN', SELF_GRANT, { reason: 'SelfGrant' });
}

/** …and not by accepting, with their own account, an invitation they made. */
export function refuseOwnInvitation(invitedBy: string | null, accountId: string | undefined): void {
  if (invitedBy && accountId && invitedBy === accountId)
    throw new AppError('FORBIDDEN', SELF_GRANT, { reason: 'SelfGrant' });
}
