import { ConfigError, loadConfig } from '@hearth/platform';
import { TenantsEnv } from './env.schema';

const BASE = { DATABASE_URL: 'postgres://tenants@127.0.0.1:5432/hearth' };

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(TenantsEnv, { ...BASE, ...env });
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems;
  }
};

describe('TenantsEnv: PUBLIC_URL (ADR 0028)', () => {
  it('is required with SMTP_URL: emailed links must open the address people use', () => {
    expect(problems({ SMTP_URL: 'smtp://mail.example.org' })).toEqual([
      expect.stringMatching(/^PUBLIC_URL: is required with SMTP_URL/),
    ]);
    expect(
      problems({ SMTP_URL: 'smtp://mail.example.org', PUBLIC_URL: 'https://hearth.example.org' }),
    ).toEqual([]);
  });

  it('may be plain http:// (the web app that serves it decides whether that is allowed), never a path', () => {
    expect(problems({ PUBLIC_URL: 'http://192.168.1.10:3001' })).toEqual([]);
    expect(problems({ PUBLIC_URL: 'https://hearth.example.org/app' })).toEqual([
      expect.stringMatching(/^PUBLIC_URL: must be the http\(s\) address people open/),
    ]);
  });
});

describe('TenantsEnv: the mail queue (ADR 0077)', () => {
  it('reads durations such as 2s, so a test can retry in seconds, and refuses a lease too short for SMTP', () => {
    const env = loadConfig(TenantsEnv, { ...BASE, MAIL_RETRY_FIRST: '2s', FORGOT_PASSWORD_LINK_TTL: '15m' });
    expect([env.MAIL_RETRY_FIRST, env.FORGOT_PASSWORD_LINK_TTL, env.MAIL_MAX_ATTEMPTS]).toEqual([
      2000,
      15 * 60_000,
      12,
    ]);
    expect(problems({ MAIL_LEASE: '1s', FORGOT_PASSWORD_LINK_TTL: '10s' }).sort()).toEqual([
      expect.stringMatching(/^FORGOT_PASSWORD_LINK_TTL: /),
      expect.stringMatching(/^MAIL_LEASE: /),
    ]);
  });
});
