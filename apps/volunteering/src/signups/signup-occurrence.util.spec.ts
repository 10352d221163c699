import { AppError } from '@hearth/contracts';
import type { Shift } from '../shifts/shift.entity';
import { occurrenceOn } from './signup-occurrence.util';

const NOW = new Date('2027-10-01T12:00:00Z');
const shift = (over: Partial<Shift>): Shift =>
  ({
    startsAtLocal: '2027-10-12T10:00:00',
    durationMinutes: 120,
    timezone: 'Europe/London',
    rrule: null,
    ...over,
  }) as Shift;
const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.details?.errors?.[0]?.field : String(err);
  }
  return 'resolved';
};

describe('the occurrence a sign-up names', () => {
  it('is the one occurrence of a one-off, with or without its date', () => {
    expect(occurrenceOn(shift({}), undefined, NOW)).toMatchObject({
      date: '2027-10-12',
      startsAtIso: '2027-10-12T10:00:00+01:00',
    });
    expect(occurrenceOn(shift({}), '2027-10-12', NOW).startsAt.toISOString()).toBe(
      '2027-10-12T09:00:00.000Z',
    );
    expect(fieldOf(() => occurrenceOn(shift({}), '2027-10-13', NOW))).toBe('date');
  });

  it('is the local date of a recurring shift, across the clocks going back, and needs the date', () => {
    const weekly = shift({ rrule: 'FREQ=WEEKLY' });
    expect(occurrenceOn(weekly, '2027-11-02', NOW).startsAtIso).toBe('2027-11-02T10:00:00+00:00');
    expect(fieldOf(() => occurrenceOn(weekly, undefined, NOW))).toBe('date');
    expect(fieldOf(() => occurrenceOn(weekly, '2027-11-03', NOW))).toBe('date');
    expect(fieldOf(() => occurrenceOn(weekly, '2027-10-05', NOW))).toBe('date');
  });

  it('places a late-night shift in a far zone on its own local date', () => {
    const auckland = shift({
      startsAtLocal: '2027-10-12T23:30:00',
      timezone: 'Pacific/Auckland',
      rrule: 'FREQ=DAILY',
    });
    const o = occurrenceOn(auckland, '2027-10-14', NOW);
    expect([o.date, o.startsAtIso]).toEqual(['2027-10-14', '2027-10-14T23:30:00+13:00']);
  });

  it('refuses a day that does not exist, one too far ahead, and a day with two occurrences', () => {
    expect(fieldOf(() => occurrenceOn(shift({}), '2027-02-30', NOW))).toBe('date');
    expect(fieldOf(() => occurrenceOn(shift({ rrule: 'FREQ=WEEKLY' }), '2035-10-16', NOW))).toBe('date');
    const hourly = shift({ rrule: 'FREQ=HOURLY;INTERVAL=6', durationMinutes: 60 });
    expect(fieldOf(() => occurrenceOn(hourly, '2027-10-13', NOW))).toBe('date');
  });
});
