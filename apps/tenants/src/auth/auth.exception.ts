import { AppError } from '@hearth/contracts';

/** Coded errors of signing in and of disabling accounts. */
export const badLogin = () => new AppError('UNAUTHENTICATED', 'The email or password is not right.');

export const disablingIsPlatformAdmins = () =>
  new AppError('FORBIDDEN', 'Only a platform admin can disable or enable accounts.', {
    reason: 'PlatformAdminOnly',
  });

export const selfDisable = () =>
  new AppError('FORBIDDEN', 'You cannot disable your own account.', { reason: 'SelfDisable' });
