import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { uuidv7 } from 'uuidv7';
import { EVENTS_STREAM, type DomainEvent } from '@hearth/contracts';
import { ServiceDatabase, migrateAll } from '@hearth/persistence';
import {
  createTestDatabase,
  eventually,
  startTestNats,
  type TestDatabase,
  type TestNats,
} from '@hearth/testing';
import { recordRawEvent } from '../src/outbox';
import { DomainEventConsumer } from '../src/event-consumer';
import { JetStreamPublisher, provisionJetStream } from '../src/jetstream';
import { JetStreamConsumerRunner } from '../src/jetstream-consumer-runner';
import { DEFAULT_RETENTION, PruningJob, messagingRetentionRules } from '../src/retention';
import type { MessagingLogger } from '../src/event-publisher';
import { probeSchema } from './probe-schema';

const PROBE = probeSchema('probe');
const quiet: MessagingLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
const STREAM_MAX_AGE_MS = 3000;

/** The messaging lines of the retention schedule, on horizons of seconds. */
describe('pruning the outbox and the inbox', () => {
  let nats: TestNats;
  let testDb: TestDatabase;
  let db: ServiceDatabase;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  const rows = <T>(sql: string, params: unknown[] = []) => db.em().execute<T[]>(sql, params);
  const streamMaxAge = async () => (await jsm.streams.info(EVENTS_STREAM)).config.max_age / 1e6;

  beforeAll(async () => {
    nats = await startTestNats({ provision: false });
    testDb = await createTestDatabase();
    await migrateAll([PROBE], testDb.ownerUrl, testDb.urlFor);
    db = await ServiceDatabase.connect(PROBE, { url: testDb.urlFor(PROBE.schema), poolMax: 4 });
    nc = await nats.connect('standalone');
    jsm = await jetstreamManager(nc);
    // A stream that keeps events for seconds, as a test can wait for them to expire.
    await provisionJetStream(jsm, {
      stream: { maxAgeMs: STREAM_MAX_AGE_MS },
      consumers: [{ durable: 'probe-inbox', service: 'tenants', subject: 'evt.tenants.kept.>' }],
    });
  });

  afterAll(async () => {
    await nc?.close();
    await db?.close();
    await testDb?.drop();
    await nats?.stop();
  });

  it('prunes published outbox rows after their period, never one still waiting to be relayed', async () => {
    const ids = await db
      .em()
      .transactional(async (em) => [
        recordRawEvent(em, 'evt.tenants.old.happened', {}, null).id,
        recordRawEvent(em, 'evt.tenants.waiting.happened', {}, null).id,
        recordRawEvent(em, 'evt.tenants.recent.happened', {}, null).id,
      ]);
    const [old, waiting, recent] = ids;
    await db
      .em()
      .execute(
        `update probe.outbox set published_at = now() - interval '9 days', occurred_at = now() - interval '9 days' where id = ?`,
        [old],
        'run',
      );
    await db
      .em()
      .execute(
        `update probe.outbox set occurred_at = now() - interval '30 days' where id = ?`,
        [waiting],
        'run',
      );
    await db.em().execute(`update probe.outbox set published_at = now() where id = ?`, [recent], 'run');
    const job = new PruningJob(db, messagingRetentionRules('probe', DEFAULT_RETENTION, streamMaxAge), {
      logger: quiet,
    });

    expect(await job.runOnce()).toMatchObject({ 'published outbox rows': 1 });
    expect((await rows<{ id: string }>('select id from probe.outbox')).map((r) => r.id).sort()).toEqual(
      [waiting, recent].sort(),
    );
  });

  it('keeps an inbox row while the stream may still redeliver its event: the redelivery is a duplicate', async () => {
    const handled: string[] = [];
    const consumer = new DomainEventConsumer({
      name: 'probe-inbox',
      subjects: ['evt.tenants.kept.>'],
      db,
      logger: quiet,
      handle: async (_em, event) => void handled.push(event.id),
    });
    const event: DomainEvent = {
      id: uuidv7(),
      subject: 'evt.tenants.kept.happened',
      occurredAt: new Date().toISOString(),
      tenantId: null,
      data: {},
    };
    // Misconfigured on purpose: an inbox kept for no time at all. The job still keeps a row for as long as the
    // stream keeps the event.
    const job = new PruningJob(
      db,
      messagingRetentionRules('probe', { ...DEFAULT_RETENTION, inboxMs: 0 }, streamMaxAge),
      {
        logger: quiet,
      },
    );
    const runner = new JetStreamConsumerRunner(nc, consumer, { logger: quiet });
    await runner.start();
    try {
      await new JetStreamPublisher(nc).publish(event);
      await eventually(() => expect(handled).toEqual([event.id]));
      expect(await job.runOnce()).toMatchObject({ 'inbox rows': 0 });

      // The stream delivers the old event again (a durable re-created from the stream's start): a duplicate.
      await runner.stop();
      await jsm.consumers.delete(EVENTS_STREAM, 'probe-inbox');
      await provisionJetStream(jsm, {
        stream: { maxAgeMs: STREAM_MAX_AGE_MS },
        consumers: [{ durable: 'probe-inbox', service: 'tenants', subject: 'evt.tenants.kept.>' }],
      });
      await runner.start();
      await eventually(async () => {
        const info = await jsm.consumers.info(EVENTS_STREAM, 'probe-inbox');
        expect(info.delivered.stream_seq).toBeGreaterThan(0);
        expect(info.num_ack_pending + info.num_pending).toBe(0);
      });
      expect(handled).toEqual([event.id]);

      // Once the stream has dropped it (its max age), nothing can bring it back: the row goes.
      await eventually(async () => expect((await jsm.streams.info(EVENTS_STREAM)).state.messages).toBe(0), {
        timeoutMs: 15_000,
        intervalMs: 250,
      });
      await eventually(async () => expect(await job.runOnce()).toMatchObject({ 'inbox rows': 1 }), {
        timeoutMs: 5000,
        intervalMs: 250,
      });
      expect(await rows('select 1 from probe.inbox where event_id = ?', [event.id])).toEqual([]);
    } finally {
      await runner.stop();
    }
  });

  it('never prunes dead letters: they wait for an operator', async () => {
    await db.em().execute(
      `insert into probe.dead_letter (id, consumer, event_id, subject, stream_seq, error, attempts, failed_at)
        values (?, 'probe-x', ?, 'evt.tenants.x.happened', 1, 'invalid', 1, now() - interval '10 years')`,
      [uuidv7(), uuidv7()],
      'run',
    );
    await new PruningJob(db, messagingRetentionRules('probe', DEFAULT_RETENTION, streamMaxAge), {
      logger: quiet,
    }).runOnce();
    expect(await rows('select consumer from probe.dead_letter')).toEqual([{ consumer: 'probe-x' }]);
  });

  it('keeps every inbox row while the stream keeps events for ever (no max age)', async () => {
    await db
      .em()
      .execute(
        `insert into probe.inbox (consumer, event_id, handled_at) values ('probe-forever', ?, now() - interval '1 year')`,
        [uuidv7()],
        'run',
      );
    const job = new PruningJob(
      db,
      messagingRetentionRules('probe', DEFAULT_RETENTION, async () => 0),
      {
        logger: quiet,
      },
    );
    expect(await job.runOnce()).toMatchObject({ 'inbox rows': 0 });
    expect(await rows("select 1 from probe.inbox where consumer = 'probe-forever'")).toHaveLength(1);
  });
});
