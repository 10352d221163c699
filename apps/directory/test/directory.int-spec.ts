import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { migrateAll } from '@hearth/persistence';
import {
  createTestDatabase,
  startTestNats,
  testTrust,
  type TestDatabase,
  type TestNats,
} from '@hearth/testing';
import { createDirectoryApp, DIRECTORY_SCHEMA } from '../src';

/** The directory service as it is deployed: its own database role, its own NATS user, ready on /health/ready. */
describe('the directory service', () => {
  let nats: TestNats;
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let applied: Record<string, string[]>;

  beforeAll(async () => {
    nats = await startTestNats();
    db = await createTestDatabase();
    applied = await migrateAll([DIRECTORY_SCHEMA], db.ownerUrl, db.urlFor);
    app = await createDirectoryApp(
      { databaseUrl: db.urlFor(DIRECTORY_SCHEMA.schema) },
      { ...nats.as('directory'), trust: testTrust.trust },
      'warn',
    );
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await nats?.stop();
  });

  it('migrates its schema once', async () => {
    expect(applied[DIRECTORY_SCHEMA.schema]).toEqual([
      '20261203-directory-init',
      '20261210-directory-hsds',
      '20261211-directory-taxonomy',
      '20261214-directory-curation',
      '20261215-directory-feed-filters',
      '20261215-directory-signposts',
      '20261216-directory-lero-listings',
      '20261220-directory-postcodes',
      '20261222-directory-imports',
      '20261223-directory-import-suggestions',
      '20261224-directory-esd',
      '20261228-directory-feed-performance',
      '20261230-directory-feed-versions',
      '20270105-directory-role-sources',
      '20270110-directory-traces',
    ]);
    const again = await migrateAll([DIRECTORY_SCHEMA], db.ownerUrl, db.urlFor);
    expect(again[DIRECTORY_SCHEMA.schema]).toEqual([]);
  });

  it('is ready: its database as its own role, and NATS as its own user', async () => {
    const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      status: 'ok',
      details: { 'directory-db': { status: 'up' } },
    });
  });
});
