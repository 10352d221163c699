import { inDbSpan } from '@hearth/platform';

/** A database round trip's span, inside a traced request or event only (ADR 0087). */
export const roundTrip = <T>(schema: string, work: () => Promise<T>): Promise<T> =>
  inDbSpan(schema, 'round trip', work);
