import { loadConfig } from '@hearth/platform';
import { DirectoryEnv } from './env.schema';

describe('the directory service’s variables', () => {
  const local = { DATABASE_URL: 'postgres://hearth_directory:pw@127.0.0.1:5432/hearth' };

  it('refuses loopback imports unless told, and takes only true or false', () => {
    expect(loadConfig(DirectoryEnv, local).DIRECTORY_IMPORT_ALLOW_LOOPBACK).toBe(false);
    expect(
      loadConfig(DirectoryEnv, { ...local, DIRECTORY_IMPORT_ALLOW_LOOPBACK: 'true' })
        .DIRECTORY_IMPORT_ALLOW_LOOPBACK,
    ).toBe(true);
    expect(() => loadConfig(DirectoryEnv, { ...local, DIRECTORY_IMPORT_ALLOW_LOOPBACK: 'yes' })).toThrow(
      /DIRECTORY_IMPORT_ALLOW_LOOPBACK: must be true or false/,
    );
  });

  it('refuses loopback imports where the database or NATS is on another host, as in production', () => {
    for (const env of [
      { DATABASE_URL: 'postgres://hearth_directory:pw@db.internal:5432/hearth' },
      { ...local, NATS_URL: 'nats://127.0.0.1:4222,nats://nats-2:4222' },
    ])
      expect(() => loadConfig(DirectoryEnv, { ...env, DIRECTORY_IMPORT_ALLOW_LOOPBACK: 'true' })).toThrow(
        /DIRECTORY_IMPORT_ALLOW_LOOPBACK: is for tests and development on one machine/,
      );
  });

  it('remembers a slug’s region for 30 s unless told, in a duration of at most an hour (0: never)', () => {
    expect(loadConfig(DirectoryEnv, local).DIRECTORY_REGION_CACHE_TTL).toBe(30_000);
    const ttl = (value: string) =>
      loadConfig(DirectoryEnv, { ...local, DIRECTORY_REGION_CACHE_TTL: value }).DIRECTORY_REGION_CACHE_TTL;
    expect(ttl('5s')).toBe(5000);
    expect(ttl('0')).toBe(0);
    expect(() => ttl('2h')).toThrow(/DIRECTORY_REGION_CACHE_TTL: must be a duration/);
    expect(() => ttl('soon')).toThrow(/DIRECTORY_REGION_CACHE_TTL: must be a duration/);
  });
});
