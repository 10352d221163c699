import { AppError } from '@hearth/contracts';

/**
 * A disabled account: FORBIDDEN to someone who proved they hold it (sign-in, accepting an invitation),
 * UNAUTHENTICATED where a token or session of it is presented (refresh, /me).
 */
/** A wrong current password where the person is signed in: a 400 on the field, not a 401 (their token is fine). */
export const wrongPassword = () =>
  new AppError('VALIDATION', 'Invalid currentPassword: it is not your current password.', {
    reason: 'WrongPassword',
    errors: [{ field: 'currentPassword', message: 'is not your current password' }],
  });

export const accountGone = () => new AppError('UNAUTHENTICATED', 'This account no longer exists.');

export const accountDisabled = (code: 'FORBIDDEN' | 'UNAUTHENTICATED' = 'FORBIDDEN') =>
  new AppError(code, 'This account has been disabled. Contact your LERO or regional network.', {
    reason: 'AccountDisabled',
  });
