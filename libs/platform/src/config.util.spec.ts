import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { ConfigError, EnvBoolean, loadConfig } from './config.util';
import type { LogLevel } from './logging';
import { NatsClientEnv } from './nats-env';
import { TrustedProxies } from './trusted-proxies';

/** A service's variables, declared the way every app declares its own (a library never imports an app). */
class ServiceEnv extends NatsClientEnv {
  @IsOptional()
  @IsString()
  JWT_PUBLIC_KEY?: string;

  @IsString()
  HOST: string = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @TrustedProxies()
  TRUST_PROXY: string[] = [];

  @IsInt()
  @Min(100)
  @Max(60000)
  REQUEST_TIMEOUT_MS: number = 5000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: LogLevel = 'info';
}

/** A web app's variables: a required secret and a boolean. */
class PagesEnv {
  @IsString()
  @MinLength(32)
  SESSION_SECRET!: string;

  @EnvBoolean()
  @IsBoolean({ message: 'must be true or false' })
  ALLOW_INSECURE_LOOPBACK_COOKIES: boolean = false;
}

const PUBLIC_KEY = [
  '-----BEGIN PUBLIC KEY-----',
  'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEsecretKeyMaterialThatMustNeverBeLogged0123456789abcdefABCDEF==',
  '-----END PUBLIC KEY-----',
].join('\n');

/** Runs `fn` and returns the ConfigError it throws; fails the test if it throws nothing or something else. */
function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

describe('loadConfig', () => {
  it('applies the defaults when nothing is set', () => {
    const config = loadConfig(ServiceEnv, {});
    expect(config).toBeInstanceOf(ServiceEnv);
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      NATS_URL: 'nats://127.0.0.1:4222',
      TRUST_PROXY: [],
      REQUEST_TIMEOUT_MS: 5000,
      LOG_LEVEL: 'info',
    });
    expect(config.JWT_PUBLIC_KEY).toBeUndefined();
  });

  it('treats an empty variable as unset and falls back to the default', () => {
    expect(loadConfig(ServiceEnv, { PORT: '', HOST: '' })).toMatchObject({ PORT: 3000, HOST: '127.0.0.1' });
  });

  it('reads numbers from their string form', () => {
    const config = loadConfig(ServiceEnv, { PORT: '8080', REQUEST_TIMEOUT_MS: '2500', HOST: '0.0.0.0' });
    expect(config.PORT).toBe(8080);
    expect(config.REQUEST_TIMEOUT_MS).toBe(2500);
    expect(config.HOST).toBe('0.0.0.0');
  });

  it('keeps a secret it was given', () => {
    expect(loadConfig(ServiceEnv, { JWT_PUBLIC_KEY: PUBLIC_KEY }).JWT_PUBLIC_KEY).toBe(PUBLIC_KEY);
  });

  it('ignores variables the app does not declare', () => {
    const config = loadConfig(ServiceEnv, { PATH: '/usr/bin', HOME: '/root' });
    expect(config).not.toHaveProperty('PATH');
    expect(config).not.toHaveProperty('HOME');
  });

  it('lists every problem at once: a bad PORT and a bad LOG_LEVEL', () => {
    const err = configErrorOf(() => loadConfig(ServiceEnv, { PORT: 'abc', LOG_LEVEL: 'loud' }));
    expect(err.problems.some((p) => p.startsWith('PORT:'))).toBe(true);
    expect(err.problems.some((p) => p.startsWith('LOG_LEVEL:'))).toBe(true);
    expect(err.problems.every((p) => /^(PORT|LOG_LEVEL):/.test(p))).toBe(true);
    expect(err.message).toContain('PORT');
    expect(err.message).toContain('LOG_LEVEL');
    expect(err.message).toMatch(/^Configuration is not valid:/);
  });

  it.each([['-1'], ['65536'], ['80.5']])('rejects PORT %s', (port) => {
    const err = configErrorOf(() => loadConfig(ServiceEnv, { PORT: port }));
    expect(err.problems.every((p) => p.startsWith('PORT:'))).toBe(true);
  });

  it('rejects a REQUEST_TIMEOUT_MS outside 100..60000', () => {
    const err = configErrorOf(() => loadConfig(ServiceEnv, { REQUEST_TIMEOUT_MS: '50' }));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatch(/^REQUEST_TIMEOUT_MS:/);
  });

  it('never echoes the value of a secret variable in the error', () => {
    const err = configErrorOf(() => loadConfig(ServiceEnv, { JWT_PUBLIC_KEY: PUBLIC_KEY, PORT: 'abc' }));
    expect(err.message).not.toContain(PUBLIC_KEY);
    expect(err.message).not.toContain('secretKeyMaterialThatMustNeverBeLogged');
    expect(err.problems.join('\n')).not.toContain('secretKeyMaterialThatMustNeverBeLogged');
  });

  it('does not echo the bad values themselves either', () => {
    const err = configErrorOf(() =>
      loadConfig(ServiceEnv, { PORT: 'p0rt-value-xyz', LOG_LEVEL: 'loud-value-xyz' }),
    );
    expect(err.message).not.toContain('p0rt-value-xyz');
    expect(err.message).not.toContain('loud-value-xyz');
  });
});

describe('a variable without a default', () => {
  it('is said to be required, by name, with what it must be, when it is missing', () => {
    const err = configErrorOf(() => loadConfig(PagesEnv, {}));
    expect(err.problems).toEqual([
      'SESSION_SECRET: is required; it must be longer than or equal to 32 characters',
    ]);
  });

  it('is said to be required when it is empty (an empty variable is unset)', () => {
    expect(configErrorOf(() => loadConfig(PagesEnv, { SESSION_SECRET: '' })).problems).toEqual([
      expect.stringMatching(/^SESSION_SECRET: is required/),
    ]);
  });

  it('has its rules said, not "required", when it is set but wrong, without its value', () => {
    const err = configErrorOf(() => loadConfig(PagesEnv, { SESSION_SECRET: 'too-short-secret' }));
    expect(err.problems).toEqual(['SESSION_SECRET: must be longer than or equal to 32 characters']);
    expect(err.message).not.toContain('too-short-secret');
  });
});

describe('boolean variables', () => {
  it.each([
    ['false', false],
    ['0', false],
    ['true', true],
    ['1', true],
  ])('reads ALLOW_INSECURE_LOOPBACK_COOKIES=%s as %s', (raw, expected) => {
    const env = {
      SESSION_SECRET: 'a-session-secret-of-32-characters-at-least',
      ALLOW_INSECURE_LOOPBACK_COOKIES: raw,
    };
    expect(loadConfig(PagesEnv, env).ALLOW_INSECURE_LOOPBACK_COOKIES).toBe(expected);
  });

  it('refuses a boolean it cannot read instead of treating it as true', () => {
    expect(() => loadConfig(PagesEnv, { ALLOW_INSECURE_LOOPBACK_COOKIES: 'no' })).toThrow(
      /ALLOW_INSECURE_LOOPBACK_COOKIES/,
    );
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    ['', []],
    ['false', []],
    ['127.0.0.1', ['127.0.0.1']],
    ['10.0.0.0/8, 192.168.1.4,::1', ['10.0.0.0/8', '192.168.1.4', '::1']],
    ['loopback,fd00::/8', ['loopback', 'fd00::/8']],
  ])('reads %j as the trusted proxies %j', (raw, expected) => {
    expect(loadConfig(ServiceEnv, { TRUST_PROXY: raw }).TRUST_PROXY).toEqual(expected);
  });

  it('refuses true: believing every sender lets anyone choose their own address', () => {
    expect(configErrorOf(() => loadConfig(ServiceEnv, { TRUST_PROXY: 'true' })).message).toMatch(
      /TRUST_PROXY: must list the trusted proxies/,
    );
  });

  it.each(['everyone', '10.0.0.0/33', '300.1.1.1', '10.0.0.1/8/2', '1'])('refuses %j', (raw) => {
    expect(configErrorOf(() => loadConfig(ServiceEnv, { TRUST_PROXY: raw })).message).toMatch(/TRUST_PROXY/);
  });
});
