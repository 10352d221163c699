import { AppError } from '@hearth/contracts';
import { latestReleased, localDate, periodsOf, statusOf } from './report-period.util';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION') return err.details?.errors?.[0]?.field;
    throw err;
  }
  throw new Error('expected a VALIDATION error');
};

describe('report periods', () => {
  it('lays out months, quarters and years with their labels', () => {
    expect(periodsOf('month', '2026-11', '2027-01', '2027-01').map((p) => [p.label, p.start, p.end])).toEqual(
      [
        ['2026-11', '2026-11-01', '2026-12-01'],
        ['2026-12', '2026-12-01', '2027-01-01'],
        ['2027-01', '2027-01-01', '2027-02-01'],
      ],
    );
    expect(periodsOf('quarter', '2026-01', '2026-12', '2026-11').map((p) => p.label)).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ]);
    expect(periodsOf('year', '2022-01', '2026-12', '2026-11').map((p) => [p.label, p.end])).toEqual([
      ['2022', '2023-01-01'],
      ['2023', '2024-01-01'],
      ['2024', '2025-01-01'],
      ['2025', '2026-01-01'],
      ['2026', '2027-01-01'],
    ]);
  });

  it.each([
    ['a quarter starting mid-quarter', 'quarter', '2026-02', '2026-06', 'from'],
    ['a quarter ending mid-quarter', 'quarter', '2026-01', '2026-05', 'to'],
    ['a year starting in March', 'year', '2025-03', '2025-12', 'from'],
    ['a year ending in June', 'year', '2025-01', '2025-06', 'to'],
    ['an end before the start', 'month', '2026-05', '2026-04', 'to'],
    ['more than five years', 'month', '2020-01', '2025-01', 'to'],
    ['a month that has not begun', 'month', '2026-12', '2026-12', 'to'],
    ['a quarter that has not begun', 'quarter', '2027-01', '2027-03', 'to'],
  ] as const)('refuses %s', (_label, period, from, to, field) => {
    expect(fieldOf(() => periodsOf(period, from, to, '2026-11'))).toBe(field);
  });

  it('accepts exactly five years, and the open period', () => {
    expect(periodsOf('month', '2021-12', '2026-11', '2026-11')).toHaveLength(60);
    expect(periodsOf('year', '2026-01', '2026-12', '2026-11')).toHaveLength(1);
  });

  it('releases a period once it has closed and the grace has passed', () => {
    const [november] = periodsOf('month', '2026-11', '2026-11', '2026-11');
    expect(statusOf(november, 7, new Date('2026-11-30T23:59:59Z'))).toBe('provisional');
    expect(statusOf(november, 7, new Date('2026-12-07T23:59:59Z'))).toBe('provisional');
    expect(statusOf(november, 7, new Date('2026-12-08T00:00:00Z'))).toBe('released');
    expect(statusOf(november, 0, new Date('2026-12-01T00:00:00Z'))).toBe('released');
  });

  it('knows the latest released month, quarter and year', () => {
    const now = new Date('2027-01-05T12:00:00Z');
    expect(latestReleased('month', 7, now).label).toBe('2026-11');
    expect(latestReleased('month', 3, now).label).toBe('2026-12');
    expect(latestReleased('quarter', 7, now).label).toBe('2026-Q3');
    expect(latestReleased('year', 7, now).label).toBe('2025');
  });

  it('counts days in reporting’s zone', () => {
    expect(localDate(new Date('2026-07-31T23:30:00Z'), 'Europe/London')).toBe('2026-08-01');
    expect(localDate(new Date('2026-12-31T23:30:00Z'), 'Europe/London')).toBe('2026-12-31');
  });
});
