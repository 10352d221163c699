import type { EntityManager } from '@mikro-orm/postgresql';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
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
import { OutboxRelay } from '../src/outbox-relay';
import { DomainEventConsumer, UnprocessableEventError } from '../src/event-consumer';
import { JetStreamPublisher, provisionJetStream } from '../src/jetstream';
import {
  JetStreamConsumerRunner,
  type JetStreamConsumerRunnerOptions,
} from '../src/jetstream-consumer-runner';
import { InProcessEventBus } from '../src/in-process-event-bus';
import type { RetryPolicy } from '../src/retry-policy';
import type { MessagingLogger } from '../src/event-publisher';
import { probeSchema } from './probe-schema';

const PROBE = probeSchema('probe', ['create table probe.effects (event_id uuid primary key)']);

const logged: string[] = [];
const quietLogger: MessagingLogger = {
  log: (m) => logged.push(m),
  warn: (m) => logged.push(m),
  error: (m) => logged.push(m),
};

describe('transactional outbox and idempotent consumers', () => {
  let testDb: TestDatabase;
  let db: ServiceDatabase;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let nats: TestNats;
  const stream = EVENTS_STREAM;

  /** A runner on a durable consumer provisioned for it, as `migrate` does for a service's consumers. */
  async function runnerFor(consumer: DomainEventConsumer, opts: JetStreamConsumerRunnerOptions = {}) {
    const [subject] = consumer.subjects;
    await provisionJetStream(jsm, { consumers: [{ durable: consumer.name, service: 'tenants', subject }] });
    return new JetStreamConsumerRunner(nc, consumer, opts);
  }

  const rows = <T>(sql: string, params: unknown[] = []) => db.em().execute<T[]>(sql, params);
  const effectIds = async (ids: string[]) =>
    ids.length === 0
      ? []
      : (
          await rows<{ event_id: string }>('select event_id from probe.effects where event_id in (?)', [ids])
        ).map((r) => r.event_id);

  const insertEffect = (em: EntityManager, event: DomainEvent) =>
    em.execute('insert into probe.effects (event_id) values (?)', [event.id], 'run').then(() => undefined);

  /** Records each event in its own committed transaction, as a service would. */
  async function recordEvents(subject: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      await db.em().transactional(async (em) => {
        ids.push(recordRawEvent(em, subject, { n: i }, i % 2 === 0 ? uuidv7() : null).id);
      });
    }
    return ids;
  }

  async function drain(relay: OutboxRelay): Promise<number> {
    let total = 0;
    for (let n = await relay.drainOnce(); n > 0; n = await relay.drainOnce()) total += n;
    return total;
  }

  async function unpublish(ids: string[]): Promise<void> {
    await db.em().execute('update probe.outbox set published_at = null where id in (?)', [ids], 'run');
  }

  beforeAll(async () => {
    nats = await startTestNats();
    testDb = await createTestDatabase();
    await migrateAll([PROBE], testDb.ownerUrl, testDb.urlFor);
    db = await ServiceDatabase.connect(PROBE, { url: testDb.urlFor(PROBE.schema), poolMax: 4 });
    // The all-in-one user: these tests are about the outbox and consumers, not about permissions.
    nc = await nats.connect('standalone');
    jsm = await jetstreamManager(nc);
  });

  afterAll(async () => {
    await nc?.drain();
    await db?.close();
    await testDb?.drop();
    await nats?.stop();
  });

  it('relays every outbox event exactly once while the consumer is stopped, then started', async () => {
    const ids = await recordEvents('evt.tenants.thing.happened', 50);
    const publisher = new JetStreamPublisher(nc);
    const relay = new OutboxRelay(db, publisher, { batchSize: 20, logger: quietLogger });

    expect(await drain(relay)).toBe(50);
    const unpublished = await rows<{ n: string }>(
      'select count(*)::int as n from probe.outbox where published_at is null',
    );
    expect(unpublished).toEqual([{ n: 0 }]);
    expect((await jsm.streams.info(stream)).state.messages).toBe(50);

    const seen: string[] = [];
    const consumer = new DomainEventConsumer({
      name: 'probe-effects',
      subjects: ['evt.tenants.thing.>'],
      db,
      logger: quietLogger,
      handle: async (em, event) => {
        await insertEffect(em, event);
        seen.push(event.id);
      },
    });
    const runner = await runnerFor(consumer, { logger: quietLogger });
    await runner.start();
    try {
      await eventually(async () => expect(await effectIds(ids)).toHaveLength(50), { timeoutMs: 20_000 });
      expect(new Set(await effectIds(ids))).toEqual(new Set(ids));
      expect(seen).toEqual(ids); // each once, in outbox order

      // The relay sends the same events again (as after a crash before marking them): JetStream drops them.
      await unpublish(ids);
      expect(await drain(relay)).toBe(50);
      expect((await jsm.streams.info(stream)).state.messages).toBe(50);

      // The same events arrive again under new message ids (as a redelivery would): the inbox drops them.
      const js = jetstream(nc);
      const [first] = await rows<{ id: string; occurred_at: string }>(
        'select id, occurred_at from probe.outbox where id = ?',
        [ids[0]],
      );
      const copy: DomainEvent = {
        id: first.id,
        subject: 'evt.tenants.thing.happened',
        occurredAt: new Date(first.occurred_at).toISOString(),
        tenantId: null,
        data: { n: 0 },
      };
      await js.publish(copy.subject, JSON.stringify(copy), { msgID: `${copy.id}-again` });
      await eventually(async () => {
        const info = await jsm.consumers.info(stream, 'probe-effects');
        expect(info.delivered.stream_seq).toBe(51);
        expect(info.num_ack_pending).toBe(0);
        expect(info.num_pending).toBe(0);
      });
      expect(await effectIds(ids)).toHaveLength(50);
      expect(seen).toHaveLength(50);
    } finally {
      await runner.stop();
    }
  });

  it('a redelivered event is handled once', async () => {
    let calls = 0;
    const consumer = new DomainEventConsumer({
      name: 'probe-redelivery',
      subjects: ['evt.tenants.>'],
      db,
      logger: quietLogger,
      handle: async (em, event) => {
        calls++;
        await insertEffect(em, event);
      },
    });
    const event: DomainEvent = {
      id: uuidv7(),
      subject: 'evt.tenants.thing.happened',
      occurredAt: new Date().toISOString(),
      tenantId: uuidv7(),
      data: {},
    };

    expect(await consumer.process(event, 1)).toBe('handled');
    expect(await consumer.process(event, 2)).toBe('duplicate');
    expect(calls).toBe(1);
    expect(await effectIds([event.id])).toEqual([event.id]);
  });

  it('works off a queue of one LERO’s events in shared transactions, in order, each once', async () => {
    const tenantId = uuidv7();
    const ids: string[] = [];
    for (let i = 0; i < 120; i++)
      await db.em().transactional(async (em) => {
        ids.push(recordRawEvent(em, 'evt.tenants.queued.happened', { n: i }, tenantId).id);
      });
    await drain(new OutboxRelay(db, new JetStreamPublisher(nc), { logger: quietLogger }));
    const seen: string[] = [];
    const transactions = new Set<EntityManager>();
    const consumer = new DomainEventConsumer({
      name: 'probe-queued',
      subjects: ['evt.tenants.queued.>'],
      db,
      logger: quietLogger,
      handle: async (em, event) => {
        await insertEffect(em, event);
        seen.push(event.id);
        transactions.add(em);
      },
    });
    const runner = await runnerFor(consumer, { logger: quietLogger, batch: 50 });
    await runner.start();
    try {
      await eventually(async () => expect(await effectIds(ids)).toHaveLength(120), { timeoutMs: 20_000 });
      expect(seen).toEqual(ids);
      // The queue was there before the consumer started: it went in batches, not one transaction per event.
      expect(transactions.size).toBeLessThan(20);
      await eventually(async () =>
        expect((await jsm.consumers.info(stream, 'probe-queued')).num_ack_pending).toBe(0),
      );
    } finally {
      await runner.stop();
    }
  });

  it('falls back to one event at a time when a shared transaction fails, and skips what it has seen', async () => {
    const tenantId = uuidv7();
    const event = (n: number): DomainEvent => ({
      id: uuidv7(),
      subject: 'evt.tenants.batch.happened',
      occurredAt: new Date().toISOString(),
      tenantId,
      data: { n },
    });
    const [a, b, bad, c] = [event(1), event(2), event(3), event(4)];
    const calls: number[] = [];
    const consumer = new DomainEventConsumer({
      name: 'probe-batch',
      subjects: ['evt.tenants.batch.>'],
      db,
      logger: quietLogger,
      handle: async (em, e) => {
        const n = (e.data as unknown as { n: number }).n;
        calls.push(n);
        await insertEffect(em, e);
        if (n === 3) throw new Error('event 3 always fails');
      },
    });
    expect(await consumer.process(a, 1)).toBe('handled');
    const first = await consumer.processBatch([a, b, bad, c, b].map((e) => ({ event: e, attempt: 1 })));
    expect(first).toEqual(['duplicate', 'handled', 'retry', 'handled', 'duplicate']);
    // Together first (b, then 3 fails and all of it rolls back), then one by one.
    expect(calls).toEqual([1, 2, 3, 2, 3, 4]);
    expect(new Set(await effectIds([a.id, b.id, bad.id, c.id]))).toEqual(new Set([a.id, b.id, c.id]));
    // A failure that may pass is never given up, however often it happened.
    expect(await consumer.processBatch([{ event: bad, attempt: 500 }])).toEqual(['retry']);
    expect(await rows('select 1 from probe.dead_letter where event_id = ?', [bad.id])).toEqual([]);
  });

  it('retries a failing handler with growing pauses, never dead-letters it, and handles it once it can', async () => {
    const [id] = await recordEvents('evt.tenants.failing.happened', 1);
    await drain(new OutboxRelay(db, new JetStreamPublisher(nc), { logger: quietLogger }));
    const calls: number[] = [];
    const consumer = new DomainEventConsumer({
      name: 'probe-failing',
      subjects: ['evt.tenants.failing.>'],
      db,
      logger: quietLogger,
      handle: async (em, event) => {
        calls.push(Date.now());
        await insertEffect(em, event); // rolled back with the failure
        if (calls.length <= 4) throw new Error('the handler fails for now');
      },
    });
    const retry: RetryPolicy = { firstDelayMs: 100, maxDelayMs: 800, horizonMs: 5000 };
    const runner = await runnerFor(consumer, { logger: quietLogger, retry });
    await runner.start();
    try {
      await eventually(async () => expect(await effectIds([id])).toEqual([id]), { timeoutMs: 20_000 });
      expect(calls).toHaveLength(5);
      // Exponential backoff with equal jitter: pause n is at least half of 100 ms × 2^(n-1).
      const pauses = calls.slice(1).map((t, i) => t - calls[i]);
      pauses.forEach((pause, i) => expect(pause).toBeGreaterThanOrEqual(50 * 2 ** i - 20));
      expect(await rows('select 1 from probe.dead_letter where event_id = ?', [id])).toEqual([]);
      await eventually(async () =>
        expect((await jsm.consumers.info(stream, 'probe-failing')).num_ack_pending).toBe(0),
      );
    } finally {
      await runner.stop();
    }
  });

  it('dead-letters at once an event that can never succeed: its id, subject and stream sequence, not its payload', async () => {
    const [id] = await recordEvents('evt.tenants.invalid.happened', 1);
    await drain(new OutboxRelay(db, new JetStreamPublisher(nc), { logger: quietLogger }));
    let calls = 0;
    const consumer = new DomainEventConsumer({
      name: 'probe-invalid',
      subjects: ['evt.tenants.invalid.>'],
      db,
      logger: quietLogger,
      handle: async (em, event) => {
        calls++;
        await insertEffect(em, event); // rolled back with the failure
        throw new UnprocessableEventError('no member in it');
      },
    });
    const runner = await runnerFor(consumer, { logger: quietLogger });
    await runner.start();
    try {
      const dead = await eventually(async () => {
        const found = await rows<Record<string, unknown>>(
          'select * from probe.dead_letter where event_id = ?',
          [id],
        );
        expect(found).toHaveLength(1);
        return found[0];
      });
      const seq = (await jsm.streams.getMessage(stream, { last_by_subj: 'evt.tenants.invalid.happened' }))
        ?.seq;
      expect(dead).toMatchObject({
        consumer: 'probe-invalid',
        subject: 'evt.tenants.invalid.happened',
        attempts: 1,
        error: 'no member in it',
        replay: null,
      });
      expect(Number(dead.stream_seq)).toBe(seq);
      expect(dead).not.toHaveProperty('payload');
      await eventually(async () =>
        expect((await jsm.consumers.info(stream, 'probe-invalid')).num_ack_pending).toBe(0),
      );
      expect(calls).toBe(1);
      expect(logged.some((line) => line.includes(id) && line.includes('dead letter'))).toBe(true);
      expect(await effectIds([id])).toEqual([]);
      expect(
        await rows('select 1 from probe.inbox where consumer = ? and event_id = ?', ['probe-invalid', id]),
      ).toEqual([]);
    } finally {
      await runner.stop();
    }
  });

  it('dead-letters a message that is not an event by its stream sequence', async () => {
    const consumer = new DomainEventConsumer({
      name: 'probe-unreadable',
      subjects: ['evt.tenants.unreadable.>'],
      db,
      logger: quietLogger,
      handle: async () => undefined,
    });
    const runner = await runnerFor(consumer, { logger: quietLogger });
    await runner.start();
    try {
      const ack = await jetstream(nc).publish('evt.tenants.unreadable.happened', 'not json');
      const [dead] = await eventually(async () => {
        const found = await rows<{ event_id: string | null; stream_seq: string; subject: string }>(
          "select event_id, stream_seq, subject from probe.dead_letter where consumer = 'probe-unreadable'",
        );
        expect(found).toHaveLength(1);
        return found;
      });
      expect(dead).toEqual({
        event_id: null,
        stream_seq: String(ack.seq),
        subject: 'evt.tenants.unreadable.happened',
      });
    } finally {
      await runner.stop();
    }
  });

  it('relays an event as soon as its transaction commits, without waiting for the next poll', async () => {
    const published: string[] = [];
    const relay = new OutboxRelay(
      db,
      { publish: async (event) => void published.push(event.id) },
      { idleMs: 60_000, logger: quietLogger },
    );
    relay.start();
    try {
      // The first pass drains what earlier tests left; then the relay sleeps for a minute.
      await eventually(async () =>
        expect(await rows('select id from probe.outbox where published_at is null')).toEqual([]),
      );
      const [id] = await recordEvents('evt.tenants.fast.happened', 1);
      await eventually(() => expect(published).toContain(id), { timeoutMs: 2000 });
    } finally {
      await relay.stop();
    }
  });

  it('standalone: the in-process bus delivers outbox events through the same consumer helper', async () => {
    const bus = new InProcessEventBus({ retryDelayMs: 5 });
    const received: DomainEvent[] = [];
    let failOnce = true;
    bus.subscribe(
      new DomainEventConsumer({
        name: 'probe-standalone',
        subjects: ['evt.tenants.local.*'],
        db,
        logger: quietLogger,
        handle: async (em, event) => {
          await insertEffect(em, event);
          if (failOnce) {
            failOnce = false;
            throw new Error('first delivery fails');
          }
          received.push(event);
        },
      }),
    );
    let otherCalls = 0;
    bus.subscribe(
      new DomainEventConsumer({
        name: 'probe-elsewhere',
        subjects: ['evt.membership.>'],
        db,
        logger: quietLogger,
        handle: async () => void otherCalls++,
      }),
    );
    const relay = new OutboxRelay(db, bus, { idleMs: 50, logger: quietLogger });
    relay.start();
    try {
      const ids = await recordEvents('evt.tenants.local.happened', 10);
      relay.kick();
      await eventually(async () => expect(await effectIds(ids)).toHaveLength(10));
      await eventually(async () =>
        expect(
          await rows('select id from probe.outbox where id in (?) and published_at is null', [ids]),
        ).toEqual([]),
      );
      expect(received.map((e) => e.id)).toEqual(ids);
      expect(typeof received[0].occurredAt).toBe('string'); // a wire copy, not the row
      expect(received[0].data).toEqual({ n: 0 });
      expect(otherCalls).toBe(0);

      // Relayed again (the process died before marking them): the inbox drops every one.
      await unpublish(ids);
      relay.kick();
      await eventually(async () =>
        expect(
          await rows('select id from probe.outbox where id in (?) and published_at is null', [ids]),
        ).toEqual([]),
      );
      expect(received).toHaveLength(10);
      expect(await effectIds(ids)).toHaveLength(10);
    } finally {
      await relay.stop();
    }
  });
});
