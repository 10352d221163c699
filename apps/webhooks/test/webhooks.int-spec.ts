import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { migrateAll } from '@hearth/persistence';
import {
  createTestDatabase,
  startTestNats,
  testTrust,
  type TestDatabase,
  type TestNats,
} from '@hearth/testing';
import { createWebhooksApp, WEBHOOKS_SCHEMA } from '../src';

/** The webhooks service as it is deployed: its own database role, its own NATS user, ready on /health/ready. */
describe('the webhooks service', () => {
  let nats: TestNats;
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let applied: Record<string, string[]>;

  beforeAll(async () => {
    nats = await startTestNats();
    db = await createTestDatabase();
    applied = await migrateAll([WEBHOOKS_SCHEMA], db.ownerUrl, db.urlFor);
    app = await createWebhooksApp(
      { databaseUrl: db.urlFor(WEBHOOKS_SCHEMA.schema) },
      { ...nats.as('webhooks'), trust: testTrust.trust },
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
    expect(applied[WEBHOOKS_SCHEMA.schema]).toEqual(['20261205-webhooks-init']);
    const again = await migrateAll([WEBHOOKS_SCHEMA], db.ownerUrl, db.urlFor);
    expect(again[WEBHOOKS_SCHEMA.schema]).toEqual([]);
  });

  it('is ready: its database as its own role, and NATS as its own user', async () => {
    const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      status: 'ok',
      details: { 'webhooks-db': { status: 'up' } },
    });
  });
});
