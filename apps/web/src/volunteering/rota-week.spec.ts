import { dayHeading, weekAsked, weekFrom, weekInWords } from './rota-week';

describe('the rota’s weeks', () => {
  it('takes an ISO week from the address, and nothing else', () => {
    expect(weekAsked('2027-W05')).toBe('2027-W05');
    expect(weekAsked('2026-W53')).toBe('2026-W53');
    for (const bad of ['2027-W5', '2027-05', 'next', ['2027-W05'], undefined, '2027-W99'])
      expect(weekAsked(bad)).toBeUndefined();
  });

  it('steps a week back and forward across the turn of the year, 53-week years included', () => {
    expect(weekFrom('2027-W05', 1)).toBe('2027-W06');
    expect(weekFrom('2027-W01', -1)).toBe('2026-W53');
    expect(weekFrom('2026-W53', 1)).toBe('2027-W01');
    expect(weekFrom('2027-W52', 1)).toBe('2028-W01');
  });

  it('names days and weeks in words', () => {
    expect(dayHeading('2027-02-01')).toBe('Monday 1 February');
    expect(weekInWords('2027-02-01', '2027-02-07')).toBe('1 February to 7 February 2027');
    expect(weekInWords('2027-12-27', '2028-01-02')).toBe('27 December 2027 to 2 January 2028');
  });
});
