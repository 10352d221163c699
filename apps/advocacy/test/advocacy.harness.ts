import { Client } from 'pg';
import { AdvocacyClient, TestimonyClient } from '@hearth/contracts';
import { MessageClient, createNatsClient } from '@hearth/messaging';
import { migrateAll } from '@hearth/persistence';
import { createTestDatabase, startTestNats, testTrust } from '@hearth/testing';
import { createAdvocacyApp, ADVOCACY_SCHEMA, type AdvocacyOptions } from '../src';

/**
 * The advocacy service as it is deployed, for one test file: its own database (migrated) and role, its own NATS
 * user (`options`: its batch size); a client that asks as the gateway does, and the database owner's connection to look behind it.
 */
export async function startAdvocacyService(options: Omit<Partial<AdvocacyOptions>, 'databaseUrl'> = {}) {
  const nats = await startTestNats();
  const db = await createTestDatabase();
  const applied = await migrateAll([ADVOCACY_SCHEMA], db.ownerUrl, db.urlFor);
  const app = await createAdvocacyApp(
    {
      databaseUrl: db.urlFor(ADVOCACY_SCHEMA.schema),
      respondentKey: 'test-advocacy-respondent-key-of-32-chars',
      ...options,
    },
    { ...nats.as('advocacy'), trust: testTrust.trust },
    'warn',
  );
  await app.init();
  const bus = new MessageClient(createNatsClient(nats.as('gateway')), 10_000);
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  return {
    nats,
    db,
    app,
    applied,
    owner,
    client: new AdvocacyClient(bus),
    testimony: new TestimonyClient(bus),
    async close() {
      await bus.close();
      await owner.end();
      await app.close();
      await db.drop();
      await nats.stop();
    },
  };
}

export type AdvocacyService = Awaited<ReturnType<typeof startAdvocacyService>>;
