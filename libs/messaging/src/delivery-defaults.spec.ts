import { ConfigError, DeliveryEnv, loadConfig } from '@hearth/platform';
import { DEFAULT_RETRY_POLICY, retryDelayMs, retryPolicyProblems, streamMaxAgeFor } from './retry-policy';
import { DEFAULT_STREAM_SETTINGS, streamSettingsProblems } from './jetstream';
import { DEFAULT_RETENTION } from './retention';
import { deliveryFromEnv, streamSettingsFromEnv } from './messaging-env';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;

describe('the production defaults of delivery and retention (ADR 0016)', () => {
  it('retry a failed event from a second to an hour apart, for at least seven days', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ firstDelayMs: SECOND, maxDelayMs: HOUR, horizonMs: 7 * DAY });
  });

  it('keep events in a stream one day longer than they are retried, one replica, 1 GiB, refusing when full', () => {
    expect(DEFAULT_STREAM_SETTINGS).toEqual({ replicas: 1, maxAgeMs: 8 * DAY, maxBytes: 1024 ** 3 });
    expect(streamMaxAgeFor(DEFAULT_RETRY_POLICY)).toBe(8 * DAY);
  });

  it('keep published outbox rows as long as the stream, inbox rows a day longer, and the records of the schedule', () => {
    expect(DEFAULT_RETENTION).toEqual({
      intervalMs: HOUR,
      outboxMs: 8 * DAY,
      inboxMs: 9 * DAY,
      leftMembersMs: 730 * DAY,
      auditMs: 2190 * DAY,
      invitationsMs: 90 * DAY,
      refreshTokensMs: 30 * DAY,
      passwordResetsMs: 30 * DAY,
    });
  });

  it('are what the variables give when none is set', () => {
    const env = loadConfig(DeliveryEnv, {});
    expect(deliveryFromEnv(env)).toEqual({ retry: DEFAULT_RETRY_POLICY, retention: DEFAULT_RETENTION });
    expect(streamSettingsFromEnv(env)).toEqual({ maxAgeMs: 8 * DAY, maxBytes: 1024 ** 3 });
  });
});

describe('retryDelayMs', () => {
  it('doubles from the first delay up to the longest, with at least half of each pause fixed', () => {
    const low = (n: number) => retryDelayMs(n, DEFAULT_RETRY_POLICY, () => 0);
    const high = (n: number) => retryDelayMs(n, DEFAULT_RETRY_POLICY, () => 1);
    expect([1, 2, 3, 4].map(high)).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map(low)).toEqual([500, 1000, 2000, 4000]);
    expect(high(13)).toBe(HOUR);
    expect(high(500)).toBe(HOUR);
    expect(low(500)).toBe(HOUR / 2);
  });

  it('spreads retries of the same attempt (jitter), so replicas do not come back in step', () => {
    const delays = new Set(Array.from({ length: 20 }, () => retryDelayMs(5)));
    expect(delays.size).toBeGreaterThan(1);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(8000);
      expect(d).toBeLessThanOrEqual(16_000);
    }
  });

  it('runs in seconds when configured so (tests)', () => {
    expect(retryDelayMs(3, { firstDelayMs: 10, maxDelayMs: 30, horizonMs: 1000 }, () => 1)).toBe(30);
  });
});

describe('configuration that could lose events is refused', () => {
  it('a policy whose longest pause is below its first, or whose horizon is below its longest pause', () => {
    expect(retryPolicyProblems({ firstDelayMs: 10, maxDelayMs: 5, horizonMs: 100 })).toHaveLength(1);
    expect(retryPolicyProblems({ firstDelayMs: 10, maxDelayMs: 50, horizonMs: 20 })).toHaveLength(1);
  });

  it('a stream that would drop events before their retries are over', () => {
    expect(streamSettingsProblems({ ...DEFAULT_STREAM_SETTINGS, maxAgeMs: 7 * DAY })).toEqual([
      expect.stringContaining('at least the retry horizon plus a day'),
    ]);
    expect(() => streamSettingsFromEnv(loadConfig(DeliveryEnv, { NATS_STREAM_MAX_AGE: '7d' }))).toThrow(
      ConfigError,
    );
    expect(
      streamSettingsFromEnv(
        loadConfig(DeliveryEnv, {
          EVENT_RETRY_MAX_DELAY: '10s',
          EVENT_RETRY_HORIZON: '30s',
          NATS_STREAM_MAX_AGE: '2d',
        }),
      ),
    ).toEqual({ maxAgeMs: 2 * DAY, maxBytes: 1024 ** 3 });
  });

  it('an inbox kept for less than the retry horizon plus a day', () => {
    expect(() => deliveryFromEnv(loadConfig(DeliveryEnv, { INBOX_RETENTION: '7d' }))).toThrow(ConfigError);
  });

  it('reads durations and sizes in words, replicas only when set', () => {
    const env = loadConfig(DeliveryEnv, {
      EVENT_RETRY_FIRST_DELAY: '50ms',
      EVENT_RETRY_MAX_DELAY: '2s',
      EVENT_RETRY_HORIZON: '10s',
      INBOX_RETENTION: '2d',
      NATS_STREAM_REPLICAS: '3',
      NATS_STREAM_MAX_BYTES: '512MiB',
    });
    expect(deliveryFromEnv(env).retry).toEqual({ firstDelayMs: 50, maxDelayMs: 2000, horizonMs: 10_000 });
    expect(streamSettingsFromEnv(env)).toEqual({
      replicas: 3,
      maxAgeMs: 10_000 + DAY,
      maxBytes: 512 * 1024 ** 2,
    });
  });
});
