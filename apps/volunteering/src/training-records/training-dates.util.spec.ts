import { addDays, addMonths, expiryOf, isValidOn, todayInUk } from './training-dates.util';

describe('training dates', () => {
  it('adds months, keeping the day or taking the month’s last', () => {
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-12-01', 120)).toBe('2036-12-01');
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('says when a completion expires: never without a validity', () => {
    expect(expiryOf('2026-06-01', 36)).toBe('2029-06-01');
    expect(expiryOf('2026-06-01', null)).toBeNull();
  });

  it('counts a record valid from its completion up to the day before it expires', () => {
    const r = { completedOn: '2026-06-01', expiresOn: '2027-06-01' };
    expect(isValidOn(r, '2026-05-31')).toBe(false);
    expect(isValidOn(r, '2026-06-01')).toBe(true);
    expect(isValidOn(r, '2027-05-31')).toBe(true);
    expect(isValidOn(r, '2027-06-01')).toBe(false);
    expect(isValidOn({ completedOn: '2020-01-01', expiresOn: null }, '2099-01-01')).toBe(true);
  });

  it('takes today in UK time: just after midnight in summer is already the next day', () => {
    expect(todayInUk(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(todayInUk(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});
