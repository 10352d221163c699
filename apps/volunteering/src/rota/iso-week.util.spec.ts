import { daysOf, isoWeekOf, parseIsoWeek, weeksIn } from './iso-week.util';

describe('ISO weeks', () => {
  it('finds the Monday of a week, including weeks that start in the year before', () => {
    expect(daysOf(parseIsoWeek('2027-W01')!)[0]).toBe('2027-01-04');
    expect(daysOf(parseIsoWeek('2026-W01')!)[0]).toBe('2025-12-29');
    expect(daysOf(parseIsoWeek('2026-W53')!)).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
  });

  it('knows which years have 53 weeks', () => {
    expect(weeksIn(2026)).toBe(53);
    expect(weeksIn(2027)).toBe(52);
    expect(weeksIn(2020)).toBe(53);
  });

  it('refuses weeks that do not exist', () => {
    expect(parseIsoWeek('2027-W53')).toBeNull();
    expect(parseIsoWeek('2027-W00')).toBeNull();
    expect(parseIsoWeek('2027-5')).toBeNull();
    expect(parseIsoWeek('1969-W10')).toBeNull();
  });

  it('names the week a date is in, across the turn of the year', () => {
    expect(isoWeekOf('2027-01-03').label).toBe('2026-W53');
    expect(isoWeekOf('2027-01-04').label).toBe('2027-W01');
    expect(isoWeekOf('2024-12-30').label).toBe('2025-W01');
    expect(isoWeekOf('2027-11-02').label).toBe('2027-W44');
  });
});
