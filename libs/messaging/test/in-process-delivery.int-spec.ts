import { Entity, PrimaryKey } from '@mikro-orm/decorators/legacy';
import { Migration } from '@mikro-orm/migrations';
import { ServiceDatabase, migrateAll, type ServiceSchema } from '@hearth/persistence';
import { createTestDatabase, eventually, type TestDatabase } from '@hearth/testing';
import { messagingDeliverySql, messagingTablesSql, outboxTraceSql } from '../src/messaging-tables.sql';
import { OutboxMessage } from '../src/outbox.entity';
import { recordRawEvent } from '../src/outbox';
import { OutboxRelay } from '../src/outbox-relay';
import { DomainEventConsumer } from '../src/event-consumer';
import { InProcessEventBus } from '../src/in-process-event-bus';

@Entity({ tableName: 'received' })
class Received {
  @PrimaryKey({ type: 'uuid' })
  id!: string;
}

const schema = (name: string, extra: string[], entities: ServiceSchema['entities']): ServiceSchema => {
  class Init extends Migration {
    override name = `${name}-init`;
    up(): void {
      for (const sql of [
        ...messagingTablesSql(name),
        ...messagingDeliverySql(name),
        ...outboxTraceSql(name),
        ...extra,
      ])
        this.addSql(sql);
    }
  }
  return { schema: name, entities: [OutboxMessage, ...entities], migrations: [Init] };
};

const SENDER = schema('sender', [], []);
const RECEIVER = schema('receiver', ['create table receiver.received (id uuid primary key)'], [Received]);

/** Standalone mode: one service's relay delivers, inside its own transaction, to another service's consumer. */
describe('in-process delivery between two services of one process', () => {
  let db: TestDatabase;
  let sender: ServiceDatabase;
  let receiver: ServiceDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([SENDER, RECEIVER], db.ownerUrl, db.urlFor);
    sender = await ServiceDatabase.connect(SENDER, { url: db.urlFor(SENDER.schema) });
    receiver = await ServiceDatabase.connect(RECEIVER, { url: db.urlFor(RECEIVER.schema) });
  });

  afterAll(async () => {
    await sender?.close();
    await receiver?.close();
    await db?.drop();
  });

  it('runs the consumer in its own service’s transaction, not in the relaying one', async () => {
    const bus = new InProcessEventBus({ retryDelayMs: 1 });
    const failures: string[] = [];
    bus.subscribe(
      new DomainEventConsumer({
        name: 'receiver-probe',
        subjects: ['evt.sender.>'],
        db: receiver,
        logger: { log: () => undefined, warn: (m) => failures.push(m), error: (m) => failures.push(m) },
        handle: async (em, event) => {
          em.persist(em.create(Received, { id: event.id }));
        },
      }),
    );
    const id = await sender
      .em()
      .transactional(async (em) => recordRawEvent(em, 'evt.sender.thing.happened', {}, null).id);
    expect(await new OutboxRelay(sender, bus).drainOnce()).toBe(1);
    expect(failures).toEqual([]);
    expect(await receiver.em().find(Received, { id })).toHaveLength(1);
    expect(await receiver.em().execute('select 1 from receiver.inbox where event_id = ?', [id])).toHaveLength(
      1,
    );
  });

  it('puts off an event a consumer cannot take yet, without holding up later ones, and delivers it once it can', async () => {
    const bus = new InProcessEventBus({ quickAttempts: 1 });
    let refuse = true;
    const logged: string[] = [];
    const logger = {
      log: () => undefined,
      warn: (m: string) => logged.push(m),
      error: (m: string) => logged.push(m),
    };
    const consumer = new DomainEventConsumer({
      name: 'receiver-picky',
      subjects: ['evt.sender.picky.>'],
      db: receiver,
      logger,
      handle: async (em, event) => {
        if (refuse && (event.data as unknown as { n: number }).n === 1) throw new Error('not yet');
        em.persist(em.create(Received, { id: event.id }));
      },
    });
    bus.subscribe(consumer);
    const [first, second] = await sender
      .em()
      .transactional(async (em) => [
        recordRawEvent(em, 'evt.sender.picky.happened', { n: 1 }, null).id,
        recordRawEvent(em, 'evt.sender.picky.happened', { n: 2 }, null).id,
      ]);
    const relay = new OutboxRelay(sender, bus, {
      logger,
      retry: { firstDelayMs: 200, maxDelayMs: 400, horizonMs: 60_000 },
    });
    expect(await relay.drainOnce()).toBe(2);
    expect(await receiver.em().find(Received, { id: [first, second] })).toEqual([{ id: second }]);
    const [row] = await sender
      .em()
      .execute<{ attempts: number; published_at: string | null; next_attempt_at: string }[]>(
        'select attempts, published_at, next_attempt_at from sender.outbox where id = ?',
        [first],
      );
    expect(row).toMatchObject({ attempts: 1, published_at: null });
    expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(Date.now());
    expect(bus.lag('receiver-picky')).toBe(1);
    expect(logged.some((m) => m.includes(first) && m.includes('offered again'))).toBe(true);
    // Not due yet: the next pass leaves it.
    expect(await relay.drainOnce()).toBe(0);

    refuse = false;
    await eventually(async () => {
      await relay.drainOnce();
      expect(await receiver.em().find(Received, { id: first })).toHaveLength(1);
    });
    expect(bus.lag('receiver-picky')).toBe(0);
    expect(await sender.em().execute('select id from sender.outbox where published_at is null', [])).toEqual(
      [],
    );
    expect(await receiver.em().execute('select 1 from receiver.dead_letter', [])).toEqual([]);
  });
});
