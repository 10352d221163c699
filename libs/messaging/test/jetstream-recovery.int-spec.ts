import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { uuidv7 } from 'uuidv7';
import { EVENT_CONSUMERS, EVENTS_STREAM, MembershipEvents, type DomainEvent } from '@hearth/contracts';
import { ServiceDatabase, migrateAll } from '@hearth/persistence';
import { ReadinessRegistry, type ReadinessReport } from '@hearth/platform';
import {
  createTestDatabase,
  eventually,
  startTestNats,
  type TestDatabase,
  type TestNats,
} from '@hearth/testing';
import { DomainEventConsumer } from '../src/event-consumer';
import { JetStreamPublisher, provisionJetStream } from '../src/jetstream';
import { JetStreamConsumerRunner } from '../src/jetstream-consumer-runner';
import { NatsConnectionProvider } from '../src/messaging.options';
import type { MessagingLogger } from '../src/event-publisher';
import { probeSchema } from './probe-schema';

const PROBE = probeSchema('probe');
const ERASURES = EVENT_CONSUMERS.tenantsMemberErasure;

/**
 * The events stream or a service's durable consumer goes missing (deleted, a NATS store lost): the service says
 * so in readiness and binds again by itself once migrate (or standalone, which may) has re-created it.
 */
describe('JetStream consumers that lose their stream or consumer', () => {
  let nats: TestNats;
  let testDb: TestDatabase;
  let db: ServiceDatabase;
  let admin: NatsConnection;
  let jsm: JetStreamManager;
  let asService: NatsConnection;
  let publisher: JetStreamPublisher;
  let publisherNc: NatsConnection;
  const logged: string[] = [];
  const logger: MessagingLogger = {
    log: (m) => logged.push(m),
    warn: (m) => logged.push(m),
    error: (m) => logged.push(m),
  };

  // A well-formed erasure (consumers check every payload against its subject's class).
  const erasure = (): DomainEvent => {
    const tenantId = uuidv7();
    const occurredAt = new Date().toISOString();
    return {
      id: uuidv7(),
      subject: MembershipEvents.memberErased,
      occurredAt,
      tenantId,
      data: { tenantId, memberId: uuidv7(), occurredAt, communityRoles: [] },
    };
  };
  const handled = async () =>
    (
      await db
        .em()
        .execute<{ event_id: string }[]>('select event_id from probe.inbox where consumer = ?', [
          ERASURES.durable,
        ])
    ).map((r) => r.event_id);

  /** The tenants service's erasure consumer, bound as the tenants NATS user: it may bind, never create. */
  function runner(provision?: () => Promise<unknown>) {
    const consumer = new DomainEventConsumer({
      name: ERASURES.durable,
      subjects: [ERASURES.subject],
      db,
      logger,
      handle: async () => undefined,
    });
    return new JetStreamConsumerRunner(asService, consumer, { logger, ...(provision ? { provision } : {}) });
  }

  async function readyAgain(r: JetStreamConsumerRunner): Promise<ReadinessReport> {
    return eventually(
      async () => {
        const report = await r.readiness();
        expect(report.ready).toBe(true);
        return report;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
  }

  beforeAll(async () => {
    nats = await startTestNats();
    testDb = await createTestDatabase();
    await migrateAll([PROBE], testDb.ownerUrl, testDb.urlFor);
    db = await ServiceDatabase.connect(PROBE, { url: testDb.urlFor(PROBE.schema), poolMax: 4 });
    admin = await nats.connect('migrate');
    jsm = await jetstreamManager(admin);
    asService = await nats.connect('tenants');
    publisherNc = await nats.connect('membership');
    publisher = new JetStreamPublisher(publisherNc);
  });

  afterAll(async () => {
    await asService?.close();
    await publisherNc?.close();
    await admin?.close();
    await db?.close();
    await testDb?.drop();
    await nats?.stop();
  });

  it('goes not-ready when its durable consumer is deleted, and consumes again once migrate re-creates it', async () => {
    const r = runner();
    await r.start();
    try {
      expect(await readyAgain(r)).toEqual({ ready: true, details: { lag: 0, retrying: 0 } });
      const before = erasure();
      await publisher.publish(before);
      await eventually(async () => expect(await handled()).toContain(before.id));

      await jsm.consumers.delete(EVENTS_STREAM, ERASURES.durable);
      const down = await eventually(
        async () => {
          const report = await r.readiness();
          expect(report.ready).toBe(false);
          return report;
        },
        { timeoutMs: 10_000 },
      );
      expect(down.details).toMatchObject({
        state: 'missing',
        reason: expect.stringContaining(ERASURES.durable),
      });
      expect(logged.some((m) => m.includes('Run the migrate step'))).toBe(true);

      const meanwhile = erasure();
      await publisher.publish(meanwhile);
      await provisionJetStream(jsm);
      await readyAgain(r);
      // The re-created durable starts at the stream's beginning: the inbox turns what was handled into duplicates.
      await eventually(async () => expect(await handled()).toContain(meanwhile.id), { timeoutMs: 20_000 });
      expect((await handled()).filter((id) => id === before.id)).toHaveLength(1);
    } finally {
      await r.stop();
    }
  });

  it('goes not-ready when the stream is deleted (publishers too), and recovers once migrate re-creates it', async () => {
    const registry = new ReadinessRegistry();
    const provider = new NatsConnectionProvider(
      { natsUrl: nats.url, nats: nats.credentials('membership') },
      registry,
    );
    provider.watchStream();
    const streamCheck = () =>
      registry
        .entries()
        .find(([name]) => name === 'events-stream')![1]
        .isReady();
    const r = runner();
    await r.start();
    try {
      await readyAgain(r);
      expect(await streamCheck()).toMatchObject({ ready: true, details: { maxBytes: 1024 ** 3 } });

      await jsm.streams.delete(EVENTS_STREAM);
      await eventually(async () => expect((await r.readiness()).ready).toBe(false), { timeoutMs: 10_000 });
      expect(await streamCheck()).toEqual({
        ready: false,
        details: { reason: expect.stringContaining('run the migrate step') },
      });
      await expect(publisher.publish(erasure())).rejects.toThrow();

      await provisionJetStream(jsm);
      await readyAgain(r);
      expect((await streamCheck()) as ReadinessReport).toMatchObject({ ready: true });
      const after = erasure();
      await publisher.publish(after);
      await eventually(async () => expect(await handled()).toContain(after.id), { timeoutMs: 20_000 });
    } finally {
      await r.stop();
      await provider.onApplicationShutdown();
    }
  });

  it('re-creates a missing stream by itself where it may (standalone, as its all-in-one user)', async () => {
    const standalone = await nats.connect('standalone');
    const settings = { stream: { maxAgeMs: 8 * 86_400_000 } };
    const r = runner(async () => provisionJetStream(await jetstreamManager(standalone), settings));
    await r.start();
    try {
      await readyAgain(r);
      await jsm.streams.delete(EVENTS_STREAM);
      await readyAgain(r);
      expect(logged.some((m) => m.includes('re-created it'))).toBe(true);
      const after = erasure();
      await publisher.publish(after);
      await eventually(async () => expect(await handled()).toContain(after.id), { timeoutMs: 20_000 });
    } finally {
      await r.stop();
      await standalone.close();
    }
  });
});
