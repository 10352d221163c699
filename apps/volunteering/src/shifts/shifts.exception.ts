import { AppError } from '@hearth/contracts';

/** A cancelled shift stays as it was: it is history, and whoever was told it is off was told so. */
export const shiftCancelled = () =>
  new AppError('CONFLICT', 'The shift is cancelled and cannot be changed.', { reason: 'ShiftCancelled' });
