import { AppError } from '@hearth/contracts';

/**
 * A disabled account: FORBIDDEN to someone who proved they hold it (sign-in, accepting an invitation),
 * UNAUTHENTICATED where a token or session of it is presented (refresh, /me).
 */
export const accountDisabled = (code: 'FORBIDDEN' | 'UNAUTHENTICATED' = 'FORBIDDEN') =>
  new AppError(code, 'This account has been disabled. Contact your LERO or regional network.', {
    reason: 'AccountDisabled',
  });
