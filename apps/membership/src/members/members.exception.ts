import { AppError } from '@hearth/contracts';

/** Leaving a member who already left, or rejoining one who is active. */
export const memberAlreadyLeft = () =>
  new AppError('CONFLICT', 'This member has already left.', { reason: 'MemberAlreadyLeft' });
export const memberAlreadyActive = () =>
  new AppError('CONFLICT', 'This member is already active.', { reason: 'MemberAlreadyActive' });

/** A volunteer asking for members who are not active. */
export const volunteersSeeActiveOnly = () =>
  new AppError('FORBIDDEN', 'Volunteers see the active members of their LERO only.');
