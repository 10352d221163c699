import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { EVENTS_STREAM } from '@hearth/contracts';
import { ServiceDatabase, migrateAll } from '@hearth/persistence';
import {
  createTestDatabase,
  eventually,
  startTestNats,
  type TestDatabase,
  type TestNats,
} from '@hearth/testing';
import { recordRawEvent } from '../src/outbox';
import { OutboxRelay } from '../src/outbox-relay';
import { JetStreamPublisher, provisionJetStream } from '../src/jetstream';
import type { MessagingLogger } from '../src/event-publisher';
import { probeSchema } from './probe-schema';

const PROBE = probeSchema('probe');

/** The events stream as migrate makes it: limits set, and when full it refuses rather than forgets. */
describe('the events stream’s limits', () => {
  let nats: TestNats;
  let testDb: TestDatabase;
  let db: ServiceDatabase;
  let nc: NatsConnection;
  let tenants: NatsConnection;
  let jsm: JetStreamManager;
  const warnings: string[] = [];
  const logger: MessagingLogger = {
    log: () => undefined,
    warn: (m) => warnings.push(m),
    error: (m) => warnings.push(m),
  };

  beforeAll(async () => {
    nats = await startTestNats({ provision: false });
    testDb = await createTestDatabase();
    await migrateAll([PROBE], testDb.ownerUrl, testDb.urlFor);
    db = await ServiceDatabase.connect(PROBE, { url: testDb.urlFor(PROBE.schema), poolMax: 4 });
    nc = await nats.connect('migrate');
    tenants = await nats.connect('tenants');
    jsm = await jetstreamManager(nc);
  });

  afterAll(async () => {
    await nc?.close();
    await tenants?.close();
    await db?.close();
    await testDb?.drop();
    await nats?.stop();
  });

  it('is created with file storage, a max age, a max size and discard new, and brought to them when it exists', async () => {
    await provisionJetStream(jsm, { consumers: [] });
    expect((await jsm.streams.info(EVENTS_STREAM)).config).toMatchObject({
      storage: 'file',
      retention: 'limits',
      num_replicas: 1,
      max_age: 8 * 86_400 * 1e9,
      max_bytes: 1024 ** 3,
      discard: 'new',
    });
    // A stream made before (no limits, discard old) is brought to them by the next migrate.
    await jsm.streams.update(EVENTS_STREAM, { max_age: 0, max_bytes: -1, discard: 'old' as never });
    await provisionJetStream(jsm, { consumers: [], stream: { maxAgeMs: 10 * 86_400_000 } });
    expect((await jsm.streams.info(EVENTS_STREAM)).config).toMatchObject({
      max_age: 10 * 86_400 * 1e9,
      max_bytes: 1024 ** 3,
      discard: 'new',
    });
  });

  it('refuses publishes when full: the outbox keeps the events, the oldest stay, and all go once there is room', async () => {
    await provisionJetStream(jsm, { consumers: [], stream: { maxBytes: 2048 } });
    await jsm.streams.purge(EVENTS_STREAM);
    const ids = await db
      .em()
      .transactional(async (em) =>
        Array.from(
          { length: 20 },
          (_, n) => recordRawEvent(em, 'evt.tenants.full.happened', { n, pad: 'x'.repeat(100) }, null).id,
        ),
      );
    const relay = new OutboxRelay(db, new JetStreamPublisher(tenants), {
      logger,
      idleMs: 50,
      maxBackoffMs: 200,
    });
    relay.start();
    try {
      await eventually(() =>
        expect(warnings.some((w) => /maximum bytes|resource limits|exceeded/i.test(w))).toBe(true),
      );
      const waiting = await db
        .em()
        .execute<{ n: number }[]>('select count(*)::int as n from probe.outbox where published_at is null');
      expect(waiting[0].n).toBeGreaterThan(0);
      const first = await jsm.streams.getMessage(EVENTS_STREAM, { seq: 1 });
      expect(first?.json<{ id: string }>().id).toBe(ids[0]);

      await provisionJetStream(jsm, { consumers: [], stream: { maxBytes: 1024 ** 2 } });
      await eventually(async () =>
        expect(await db.em().execute('select id from probe.outbox where published_at is null', [])).toEqual(
          [],
        ),
      );
      expect((await jsm.streams.info(EVENTS_STREAM)).state.messages).toBe(20);
    } finally {
      await relay.stop();
    }
  });
});
