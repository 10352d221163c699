import { AppError } from '@hearth/contracts';

/**
 * A well-formed reminder link's token that Hearth does not hold: never issued, or pruned (ADR 0081). Tokens are
 * 256 random bits, so saying so tells nobody whose a token is; saying "stopped" would claim a change not made.
 */
export const unsubscribeLinkUnknown = () =>
  new AppError(
    'VALIDATION',
    'This link has expired. Sign in and change "Reminders of sessions and shifts" on your profile page, or ask your organisation.',
    {
      reason: 'UnsubscribeLinkUnknown',
      errors: [{ field: 'token', message: 'is not a reminder link Hearth still holds' }],
    },
  );
