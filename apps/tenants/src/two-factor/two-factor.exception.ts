import { AppError } from '@hearth/contracts';

/** Coded errors of two-factor sign-in (ADR 15). */
export const challengeExpired = () =>
  new AppError('UNAUTHENTICATED', 'This sign-in has expired. Sign in again with your email and password.', {
    reason: 'ChallengeExpired',
  });

/**
 * A wrong or reused code. At sign-in it is a 401, like a wrong password; where the person is signed in (set-up,
 * turning it off) a 400 on the field, since a 401 would say their token is bad.
 */
export function codeRefused(
  reason: 'WrongCode' | 'CodeReused' | 'WrongRecoveryCode',
  signedIn: boolean,
): AppError {
  const message =
    reason === 'CodeReused'
      ? 'That code has already been used. Wait for the next one in your authenticator app.'
      : reason === 'WrongRecoveryCode'
        ? 'That recovery code is not right, or it has been used already.'
        : 'The code is not right. Check the time on your phone and try the newest code.';
  const field = reason === 'WrongRecoveryCode' ? 'recoveryCode' : 'code';
  return signedIn
    ? new AppError('VALIDATION', `Invalid ${field}: ${message}`, {
        reason,
        errors: [{ field, message }],
      })
    : new AppError('UNAUTHENTICATED', message, { reason });
}

export const oneProofOnly = () =>
  new AppError('VALIDATION', 'Invalid code: give either code or recoveryCode, not both and not neither.', {
    errors: [{ field: 'code', message: 'give either code or recoveryCode' }],
  });

export const twoFactorOff = () =>
  new AppError('CONFLICT', 'Two-factor sign-in is not turned on for this account.', {
    reason: 'TwoFactorOff',
  });

export const noTotpSetup = () =>
  new AppError('NOT_FOUND', 'No authenticator app is being set up. Start again.', { reason: 'NoTotpSetup' });

export const adminNeedsTwoFactor = () =>
  new AppError(
    'FORBIDDEN',
    'Admins need two-factor sign-in: it cannot be turned off while you hold an admin role. Give up the role first, or set up a new authenticator app instead.',
    { reason: 'AdminNeedsTwoFactor' },
  );
