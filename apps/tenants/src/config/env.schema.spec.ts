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
