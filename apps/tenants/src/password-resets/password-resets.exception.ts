import { AppError } from '@hearth/contracts';

/** Coded errors of passwords: changing one's own, resetting another's, using a reset link. */
export const sameNewPassword = () =>
  new AppError('VALIDATION', 'Invalid newPassword: it must differ from your current password.', {
    errors: [{ field: 'newPassword', message: 'must differ from your current password' }],
  });

export const resetIsLeroAdmins = () =>
  new AppError('FORBIDDEN', 'Only a LERO’s admins can reset a password.', { reason: 'LeroAdminsOnly' });

export const selfReset = () =>
  new AppError('FORBIDDEN', 'Change your own password from your account page.', { reason: 'SelfReset' });

export const grantsOutsideLero = (lero: string) =>
  new AppError(
    'FORBIDDEN',
    `This person has roles outside ${lero}, so only they can change their password.`,
    { reason: 'GrantsOutsideLero' },
  );

export const resetLinkUnknown = () =>
  new AppError('VALIDATION', 'This password reset link is not valid. Ask for a new one.', {
    reason: 'ResetLinkUnknown',
    errors: [{ field: 'token', message: 'is not a valid password reset link' }],
  });

export const resetLinkSpent = () =>
  new AppError('GONE', 'This password reset link has already been used.', { reason: 'ResetLinkSpent' });

export const resetLinkExpired = () =>
  new AppError('GONE', 'This password reset link has expired. Ask for a new one.', {
    reason: 'ResetLinkExpired',
  });
