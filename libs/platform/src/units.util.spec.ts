import { ConfigError, loadConfig } from './config.util';
import { DeliveryEnv } from './delivery-env';
import { formatDuration, parseBytes, parseDuration } from './units.util';

describe('durations and sizes in variables', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['7d', 604_800_000],
    ['1.5s', 1500],
    ['2500', 2500],
  ])('reads %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'soon', '7 days', '-1s', '1w'])('refuses %j', (text) => expect(parseDuration(text)).toBeNaN());

  it('reads sizes', () => {
    expect(parseBytes('1GiB')).toBe(1024 ** 3);
    expect(parseBytes('512MiB')).toBe(512 * 1024 ** 2);
    expect(parseBytes('4096')).toBe(4096);
    expect(parseBytes('1GB')).toBeNaN();
  });

  it('says a duration in its largest whole unit', () => {
    expect([formatDuration(8 * 86_400_000), formatDuration(3_600_000), formatDuration(1500)]).toEqual([
      '8d',
      '1h',
      '1500ms',
    ]);
  });

  it('lists a bad duration with what is expected', () => {
    let error: unknown;
    try {
      loadConfig(DeliveryEnv, { EVENT_RETRY_HORIZON: 'a week', NATS_STREAM_MAX_BYTES: '12' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/EVENT_RETRY_HORIZON: must be a duration such as 30s, 15m, 1h or 7d/);
    expect(problems).toMatch(/NATS_STREAM_MAX_BYTES: must be a size/);
  });
});
