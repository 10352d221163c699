import { DEFAULT_DATABASE_URL, resolveServices } from './services';

describe('test services', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('fails, never skips, when PostgreSQL does not answer in CI', async () => {
    process.env.CI = 'true';
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/postgres';
    await expect(resolveServices()).rejects.toThrow(/PostgreSQL at 127\.0\.0\.1:1 not answering; in CI/);
  });

  it('uses the configured PostgreSQL when it answers', async () => {
    await expect(resolveServices()).resolves.toEqual({
      databaseUrl: saved.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    });
  });
});
