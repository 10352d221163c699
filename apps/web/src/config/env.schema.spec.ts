import { ConfigError, loadConfig } from '@hearth/platform';
import { WebEnv } from './env.schema';

const SESSION_SECRET = 'a session secret of at least thirty-two characters';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(WebEnv, { SESSION_SECRET, ...env });
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems;
  }
};

describe('WebEnv: LAN and HTTPS (ADR 0028)', () => {
  it('needs PUBLIC_URL when its container listens beyond loopback', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ HOST: '0.0.0.0' })).toEqual([
      expect.stringMatching(/^PUBLIC_URL: is required when HOST \(0\.0\.0\.0\) is not a loopback address/),
    ]);
    expect(problems({ HOST: '0.0.0.0', PUBLIC_URL: 'https://hearth.example.org' })).toEqual([]);
  });

  it('serves plain HTTP for other machines only with ALLOW_INSECURE_HTTP', () => {
    expect(problems({ HOST: '0.0.0.0', PUBLIC_URL: 'http://192.168.1.10:3001' })).toEqual([
      expect.stringMatching(/^PUBLIC_URL: is plain http:\/\//),
    ]);
    expect(
      loadConfig(WebEnv, {
        SESSION_SECRET,
        HOST: '0.0.0.0',
        PUBLIC_URL: 'http://192.168.1.10:3001',
        ALLOW_INSECURE_HTTP: 'true',
      }).ALLOW_INSECURE_HTTP,
    ).toBe(true);
  });
});

describe('WebEnv: its session secret', () => {
  it('refuses to start without SESSION_SECRET and names it: there is no default to fall back on', () => {
    expect(() => loadConfig(WebEnv, {})).toThrow(/SESSION_SECRET: is required/);
    expect(() => loadConfig(WebEnv, { SESSION_SECRET: '' })).toThrow(/SESSION_SECRET: is required/);
  });

  it('refuses a short one and takes one of 32 characters or more', () => {
    expect(problems({ SESSION_SECRET: 'short' })).toEqual([
      expect.stringMatching(/^SESSION_SECRET: must be longer/),
    ]);
    expect(loadConfig(WebEnv, { SESSION_SECRET: 'c'.repeat(32) })).toMatchObject({ PORT: 3001 });
  });
});
