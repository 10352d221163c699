import type { NatsConnection } from '@nats-io/transport-node';
import { errors } from '@nats-io/nats-core';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { uuidv7 } from 'uuidv7';
import { EVENTS_STREAM, type DomainEvent } from '@hearth/contracts';
import { ServiceDatabase, migrateAll } from '@hearth/persistence';
import { createTestDatabase, startTestNats, type TestDatabase, type TestNats } from '@hearth/testing';
import { recordRawEvent } from '../src/outbox';
import { OutboxRelay } from '../src/outbox-relay';
import { JetStreamPublisher, isMissingResource, provisionJetStream } from '../src/jetstream';
import type { MessagingLogger } from '../src/event-publisher';
import { probeSchema } from './probe-schema';

const PROBE = probeSchema('probe');
const quietLogger: MessagingLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The relay's publishes to JetStream (ADR 0095): a batch sent at once and acked in order, as a service's own NATS
 * user (its private reply inbox), with the stream's refusals and silences failing the publish as before.
 */
describe('relaying outbox batches to JetStream', () => {
  let nats: TestNats;
  let testDb: TestDatabase;
  let db: ServiceDatabase;
  let migrate: NatsConnection;
  let tenants: NatsConnection;
  let jsm: JetStreamManager;

  const record = (subjects: string[]) =>
    db.em().transactional(async (em) => subjects.map((s, n) => recordRawEvent(em, s, { n }, null).id));
  const unpublished = async () =>
    (
      await db
        .em()
        .execute<{ id: string }[]>('select id from probe.outbox where published_at is null order by id')
    ).map((r) => r.id);
  /** The ids the stream holds, in its order. */
  const stored = async () => {
    const { state } = await jsm.streams.info(EVENTS_STREAM);
    const ids: string[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++)
      ids.push((await jsm.streams.getMessage(EVENTS_STREAM, { seq }))!.json<DomainEvent>().id);
    return ids;
  };
  const event = (subject: string): DomainEvent => ({
    id: uuidv7(),
    subject,
    occurredAt: new Date().toISOString(),
    tenantId: null,
    data: {},
  });

  beforeAll(async () => {
    nats = await startTestNats({ provision: false });
    testDb = await createTestDatabase();
    await migrateAll([PROBE], testDb.ownerUrl, testDb.urlFor);
    db = await ServiceDatabase.connect(PROBE, { url: testDb.urlFor(PROBE.schema), poolMax: 4 });
    migrate = await nats.connect('migrate');
    tenants = await nats.connect('tenants');
    jsm = await jetstreamManager(migrate);
  });

  beforeEach(async () => {
    await provisionJetStream(jsm, { consumers: [] });
    await jsm.streams.update(EVENTS_STREAM, { max_msgs: -1 });
    await jsm.streams.purge(EVENTS_STREAM);
    await db.em().execute('delete from probe.outbox', [], 'run');
  });

  afterAll(async () => {
    await migrate?.close();
    await tenants?.close();
    await db?.close();
    await testDb?.drop();
    await nats?.stop();
  });

  it('relays a batch in outbox order, each event once with its id as Nats-Msg-Id', async () => {
    const ids = await record(Array.from({ length: 60 }, (_, n) => `evt.tenants.order.${n % 3}`));
    const relay = new OutboxRelay(db, new JetStreamPublisher(tenants), { logger: quietLogger });
    expect(await relay.drainOnce()).toBe(60);
    expect(await unpublished()).toEqual([]);
    expect(await stored()).toEqual(ids);
    const last = await jsm.streams.getMessage(EVENTS_STREAM, { last_by_subj: 'evt.tenants.order.2' });
    expect(last?.header.get('Nats-Msg-Id')).toBe(ids[59]);
  });

  it('stores an event published twice (same id) once', async () => {
    const publisher = new JetStreamPublisher(tenants);
    const once = event('evt.tenants.twice.happened');
    await publisher.publish(once);
    await publisher.publish({ ...once });
    await publisher.publish(event('evt.tenants.twice.happened'));
    const ids = await stored();
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(once.id);
  });

  it('marks only the events before a full stream’s refusal published, and relays the rest once there is room', async () => {
    await jsm.streams.update(EVENTS_STREAM, { max_msgs: 4 });
    const ids = await record(Array.from({ length: 10 }, () => 'evt.tenants.full.happened'));
    const relay = new OutboxRelay(db, new JetStreamPublisher(tenants), { logger: quietLogger });
    await expect(relay.drainOnce()).rejects.toThrow(/maximum messages/);
    expect(await unpublished()).toEqual(ids.slice(4));
    expect(await stored()).toEqual(ids.slice(0, 4));

    await jsm.streams.update(EVENTS_STREAM, { max_msgs: -1 });
    expect(await relay.drainOnce()).toBe(6);
    expect(await unpublished()).toEqual([]);
    expect(await stored()).toEqual(ids);
  });

  it('fails a publish while the stream is missing, as a missing resource', async () => {
    await jsm.streams.delete(EVENTS_STREAM);
    const failed = await new JetStreamPublisher(tenants).publish(event('evt.tenants.lost.happened')).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toMatch(/stream not found/);
    expect(isMissingResource(failed)).toBe(true);
  });

  it('times a publish out when no ack comes, and marks the rest of its batch that the stream took', async () => {
    // A subject no stream takes, with a subscriber that never answers: the publish gets no ack, not a 503.
    const membership = await nats.connect('membership');
    membership.subscribe('membership.member.names', { queue: 'membership', callback: () => undefined });
    await membership.flush();
    try {
      const publisher = new JetStreamPublisher(tenants, { timeoutMs: 300 });
      await expect(publisher.publish(event('membership.member.names'))).rejects.toBeInstanceOf(
        errors.TimeoutError,
      );

      const [first, silent, after] = await record([
        'evt.tenants.batch.happened',
        'membership.member.names',
        'evt.tenants.batch.happened',
      ]);
      const relay = new OutboxRelay(db, publisher, { logger: quietLogger });
      await expect(relay.drainOnce()).rejects.toBeInstanceOf(errors.TimeoutError);
      // Sent before the silent one's ack was awaited, so stored; marked, not sent again once the stream's duplicate
      // window has passed (which would store it twice).
      expect(await stored()).toEqual([first, after]);
      expect(await unpublished()).toEqual([silent]);
    } finally {
      await membership.close();
    }
  });
});
