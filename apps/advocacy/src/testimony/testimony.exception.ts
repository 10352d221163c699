import { AppError } from '@hearth/contracts';

export const themeNotDraft = () =>
  new AppError('CONFLICT', 'The theme is open or closed already.', { reason: 'ThemeNotDraft' });

export const themeNotOpen = () =>
  new AppError('CONFLICT', 'The theme is not open for contributions.', { reason: 'ThemeNotOpen' });

export const themeNotPublished = () =>
  new AppError('CONFLICT', 'The theme is not published: it has too few contributors yet.', {
    reason: 'ThemeNotPublished',
  });

export const alreadyContributed = () =>
  new AppError('CONFLICT', 'You already have a statement in this theme: withdraw it to write another.', {
    reason: 'AlreadyContributed',
  });

export const pieceDecided = () =>
  new AppError('CONFLICT', 'The statement is approved, declined or withdrawn already.', {
    reason: 'PieceDecided',
  });

export const noEditProposed = () =>
  new AppError('CONFLICT', 'No edit of this statement is waiting for you.', { reason: 'NoEditProposed' });
