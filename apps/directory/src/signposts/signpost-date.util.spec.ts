import { AppError } from '@hearth/contracts';
import { localDay, signpostDay } from './signpost-date.util';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? `${err.code} ${err.message}` : String(err);
  }
  return 'accepted';
};

describe('a signpost’s day', () => {
  // 23:30 UTC on 31 March 2027 is already 1 April in London (BST).
  const now = new Date('2027-03-31T23:30:00Z');

  it('is today in London when not given, whatever the day in UTC', () => {
    expect(localDay(now)).toBe('2027-04-01');
    expect(signpostDay(undefined, now)).toBe('2027-04-01');
    expect(signpostDay(null, now)).toBe('2027-04-01');
  });

  it('may be given as today or up to 7 days before', () => {
    expect(signpostDay('2027-04-01', now)).toBe('2027-04-01');
    expect(signpostDay('2027-03-25', now)).toBe('2027-03-25');
  });

  it('refuses a day in the future, one more than 7 days back, and one that does not exist', () => {
    expect(fieldOf(() => signpostDay('2027-04-02', now))).toBe(
      'VALIDATION Invalid date: must not be in the future.',
    );
    expect(fieldOf(() => signpostDay('2027-03-24', now))).toBe(
      'VALIDATION Invalid date: must be within the last 7 days.',
    );
    expect(fieldOf(() => signpostDay('2027-02-30', now))).toMatch(/must be a real date/);
  });
});
