import { AppError } from '@hearth/contracts';

/** Coded errors of sign-ins: refresh tokens and the sign-in throttle. */
const BAD_REFRESH = 'The refresh token is not valid. Please sign in again.';

export const badRefresh = () => new AppError('UNAUTHENTICATED', BAD_REFRESH);

/** A spent refresh token presented again: treated as theft, and the sign-in ends. */
export const refreshTokenReused = () =>
  new AppError('UNAUTHENTICATED', BAD_REFRESH, { reason: 'RefreshTokenReused' });

export const sessionEnded = () =>
  new AppError('UNAUTHENTICATED', 'This sign-in has ended. Sign in again.', { reason: 'SessionEnded' });

export const signInThrottled = (seconds: number) =>
  new AppError(
    'RATE_LIMITED',
    `Too many wrong passwords for this account. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
    { reason: 'SignInThrottled', retryAfterSeconds: seconds },
  );
