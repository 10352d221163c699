import { localDateIn } from './local-date';

describe('localDateIn', () => {
  it('gives the calendar date on the wall of each zone, with the formatter it keeps per zone', () => {
    const instant = new Date('2026-03-29T00:30:00Z'); // the night the UK's clocks go forward
    for (let i = 0; i < 2; i++) {
      expect(localDateIn(instant, 'Europe/London')).toBe('2026-03-29');
      expect(localDateIn(instant, 'America/New_York')).toBe('2026-03-28');
      expect(localDateIn(instant, 'Pacific/Kiritimati')).toBe('2026-03-29');
      expect(localDateIn(new Date('2026-12-31T23:59:59Z'), 'Pacific/Kiritimati')).toBe('2027-01-01');
    }
  });

  it('throws for a zone that does not exist, every time', () => {
    expect(() => localDateIn(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => localDateIn(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
