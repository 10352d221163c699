import { migrateAll } from '@hearth/persistence';
import { createTestDatabase, eventually, type TestDatabase } from '@hearth/testing';
import { WEBHOOKS_SCHEMA } from '../../webhooks/src';
import { runWaitForMigrations } from '../src/wait-for-migrations.command';

/** A service pod's init container on Kubernetes: `wait-for-migrations <service>` (ADR 0084). */
describe('wait-for-migrations', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(() => db?.drop());

  it('waits until migrate has brought the service’s schema to this build, then exits 0', async () => {
    const lines: string[] = [];
    const waiting = runWaitForMigrations(
      ['webhooks'],
      { DATABASE_URL: db.urlFor('webhooks') },
      { out: (l) => lines.push(l), intervalMs: 50 },
    );
    await eventually(() => expect(lines.join('\n')).toContain('Waiting for'));
    await migrateAll([WEBHOOKS_SCHEMA], db.ownerUrl, db.urlFor);
    expect(await waiting).toBe(0);
    expect(lines[lines.length - 1]).toMatch(/^webhooks is migrated to \S+ \(this build needs \S+\)\.$/);
    expect(lines.join('\n')).not.toContain('hearth_webhooks:hearth_webhooks');
  });

  it('gives up with 1 after its time limit while nothing migrates', async () => {
    const fresh = await createTestDatabase();
    try {
      const code = await runWaitForMigrations(
        ['webhooks'],
        { DATABASE_URL: fresh.urlFor('webhooks') },
        { out: () => undefined, intervalMs: 20, timeoutMs: 100 },
      );
      expect(code).toBe(1);
    } finally {
      await fresh.drop();
    }
  });

  it('names the services it knows when called without one', async () => {
    const lines: string[] = [];
    expect(
      await runWaitForMigrations([], { DATABASE_URL: 'postgres://x@y/z' }, { out: (l) => lines.push(l) }),
    ).toBe(2);
    expect(lines[0]).toContain('tenants, membership, events');
  });
});
