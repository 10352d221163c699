import { DIGEST_DEFAULTS, digestPeriod } from './digest-schedule.util';

describe('digestPeriod', () => {
  it('is the week from Monday 07:00 in London, sent that day only, across a change of clocks', () => {
    // Tuesday 31 March 2026, after the clocks went forward on Sunday 29th: Monday 07:00 BST is 06:00Z.
    const p = digestPeriod(new Date('2026-03-31T12:00:00Z'), DIGEST_DEFAULTS);
    expect(p).toEqual({
      key: '2026-03-30',
      start: new Date('2026-03-30T06:00:00Z'),
      sendUntil: new Date('2026-03-31T06:00:00Z'),
    });
    // Monday 06:59 London (GMT) is still the week before.
    expect(digestPeriod(new Date('2026-03-23T06:59:00Z'), DIGEST_DEFAULTS).key).toBe('2026-03-16');
    expect(digestPeriod(new Date('2026-03-23T07:00:00Z'), DIGEST_DEFAULTS).key).toBe('2026-03-23');
  });

  it('counts fixed intervals from the epoch when one is configured', () => {
    const p = digestPeriod(new Date(12_345), { ...DIGEST_DEFAULTS, intervalMs: 5000 });
    expect(p).toEqual({
      key: new Date(10_000).toISOString(),
      start: new Date(10_000),
      sendUntil: new Date(15_000),
    });
  });
});
