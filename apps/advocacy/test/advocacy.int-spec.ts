import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { migrateAll } from '@hearth/persistence';
import {
  createTestDatabase,
  startTestNats,
  testTrust,
  type TestDatabase,
  type TestNats,
} from '@hearth/testing';
import { createAdvocacyApp, ADVOCACY_SCHEMA } from '../src';

/** The advocacy service as it is deployed: its own database role, its own NATS user, ready on /health/ready. */
describe('the advocacy service', () => {
  let nats: TestNats;
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let applied: Record<string, string[]>;

  beforeAll(async () => {
    nats = await startTestNats();
    db = await createTestDatabase();
    applied = await migrateAll([ADVOCACY_SCHEMA], db.ownerUrl, db.urlFor);
    app = await createAdvocacyApp(
      {
        databaseUrl: db.urlFor(ADVOCACY_SCHEMA.schema),
        respondentKey: 'test-advocacy-respondent-key-of-32-chars',
      },
      { ...nats.as('advocacy'), trust: testTrust.trust },
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
    expect(applied[ADVOCACY_SCHEMA.schema]).toEqual([
      '20261204-advocacy-init',
      '20261205-advocacy-asks',
      '20261205-advocacy-consultations-2',
      '20261205-advocacy-testimony',
      '20261206-advocacy-representation',
      '20261207-advocacy-region-themes',
      '20261207-advocacy-erased-members',
      '20261208-advocacy-consultation-public',
      '20270110-advocacy-traces',
    ]);
    const again = await migrateAll([ADVOCACY_SCHEMA], db.ownerUrl, db.urlFor);
    expect(again[ADVOCACY_SCHEMA.schema]).toEqual([]);
  });

  it('is ready: its database as its own role, and NATS as its own user', async () => {
    const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      status: 'ok',
      details: { 'advocacy-db': { status: 'up' } },
    });
  });
});
