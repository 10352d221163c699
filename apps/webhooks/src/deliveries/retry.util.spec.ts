import { DEFAULT_RETRY } from '../webhooks.options';
import { nextAttemptAt } from './retry.util';

describe('nextAttemptAt', () => {
  const first = new Date('2026-12-01T00:00:00Z');

  it('doubles the wait, with jitter between half and all of it', () => {
    const policy = { baseMs: 1000, maxDelayMs: 60_000, horizonMs: 3_600_000 };
    expect(nextAttemptAt(policy, first, 1, first, () => 1)!.getTime() - first.getTime()).toBe(1000);
    expect(nextAttemptAt(policy, first, 3, first, () => 1)!.getTime() - first.getTime()).toBe(4000);
    expect(nextAttemptAt(policy, first, 3, first, () => 0)!.getTime() - first.getTime()).toBe(2000);
    expect(nextAttemptAt(policy, first, 30, first, () => 1)!.getTime() - first.getTime()).toBe(60_000);
  });

  it('keeps trying for at least 24 hours by default, the last attempt on the horizon, then gives up', () => {
    let now = first;
    let attempts = 0;
    for (;;) {
      attempts++;
      const next = nextAttemptAt(DEFAULT_RETRY, first, attempts, now, () => 0.5);
      if (!next) break;
      now = next;
    }
    expect(now.getTime() - first.getTime()).toBe(24 * 3_600_000);
    expect(attempts).toBeLessThan(30);
  });
});
