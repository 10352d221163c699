import { AppError } from '@hearth/contracts';

/** A region's or a LERO's slug is one of a kind. */
export const slugTaken = (slug: string) =>
  new AppError('CONFLICT', `The slug "${slug}" is already taken. Choose another.`, { reason: 'SlugTaken' });
