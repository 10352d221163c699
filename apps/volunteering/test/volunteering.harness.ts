import { Client } from 'pg';
import { VolunteeringClient } from '@hearth/contracts';
import { MessageClient, createNatsClient } from '@hearth/messaging';
import { migrateAll } from '@hearth/persistence';
import { createTestDatabase, startTestNats, testTrust } from '@hearth/testing';
import {
  createVolunteeringApp,
  generatePassportKeyPem,
  VOLUNTEERING_SCHEMA,
  type PassportOptions,
  type VolunteeringOptions,
} from '../src';

/**
 * The volunteering service as it is deployed, for one test file: its own database (migrated) and role, its own NATS
 * user (`options`: a test's clock); a client that asks as the gateway does, and the database owner's connection to look behind it.
 */
export async function startVolunteeringService(
  options: Omit<Partial<VolunteeringOptions>, 'databaseUrl' | 'passports'> & {
    passports?: Partial<PassportOptions>;
  } = {},
) {
  const nats = await startTestNats();
  const db = await createTestDatabase();
  const applied = await migrateAll([VOLUNTEERING_SCHEMA], db.ownerUrl, db.urlFor);
  const app = await createVolunteeringApp(
    {
      databaseUrl: db.urlFor(VOLUNTEERING_SCHEMA.schema),
      ...options,
      passports: {
        privateKeyPem: generatePassportKeyPem(),
        issuerBaseUrl: 'http://hearth.test',
        ...options.passports,
      },
    },
    { ...nats.as('volunteering'), trust: testTrust.trust },
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
    client: new VolunteeringClient(bus),
    async close() {
      await bus.close();
      await owner.end();
      await app.close();
      await db.drop();
      await nats.stop();
    },
  };
}

export type VolunteeringService = Awaited<ReturnType<typeof startVolunteeringService>>;
