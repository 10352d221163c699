import { AppError } from '@hearth/contracts';

/** Coded errors of interest in roles (ADR 0063). */
export const roleClosedForInterest = () =>
  new AppError('CONFLICT', 'The role is closed: it takes no new interest.', { reason: 'RoleClosed' });
