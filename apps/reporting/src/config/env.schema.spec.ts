import { loadConfig } from '@hearth/platform';
import { ReportingEnv } from './env.schema';

describe('the reporting service’s variables', () => {
  const database = { DATABASE_URL: 'postgres://hearth_reporting:pw@db:5432/hearth' };

  it('refuses to start without REPORTING_MEMBER_KEY_SECRET and names it: there is no default to fall back on', () => {
    expect(() => loadConfig(ReportingEnv, database)).toThrow(/REPORTING_MEMBER_KEY_SECRET: is required/);
  });

  it('refuses a short one and takes one of 32 characters or more', () => {
    expect(() => loadConfig(ReportingEnv, { ...database, REPORTING_MEMBER_KEY_SECRET: 'short' })).toThrow(
      /REPORTING_MEMBER_KEY_SECRET: must be at least 32 characters/,
    );
    const secret = 'b'.repeat(32);
    expect(loadConfig(ReportingEnv, { ...database, REPORTING_MEMBER_KEY_SECRET: secret })).toMatchObject({
      REPORTING_MEMBER_KEY_SECRET: secret,
    });
  });
});
