import { Entity, PrimaryKey } from '@mikro-orm/decorators/legacy';
import { Migration } from '@mikro-orm/migrations';
import { ServiceDatabase, migrateAll, type ServiceSchema } from '@hearth/persistence';
import { createTestDatabase, type TestDatabase } from '@hearth/testing';
import { messagingTablesSql } from '../src/messaging-tables.sql';
import { OutboxMessage } from '../src/outbox.entity';
import { recordEvent } from '../src/outbox';
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
      for (const sql of [...messagingTablesSql(name), ...extra]) this.addSql(sql);
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
        maxDeliver: 1,
        logger: { log: () => undefined, warn: (m) => failures.push(m), error: (m) => failures.push(m) },
        handle: async (em, event) => {
          em.persist(em.create(Received, { id: event.id }));
        },
      }),
    );
    const id = await sender
      .em()
      .transactional(async (em) => recordEvent(em, 'evt.sender.thing.happened', {}, null).id);
    expect(await new OutboxRelay(sender, bus).drainOnce()).toBe(1);
    expect(failures).toEqual([]);
    expect(await receiver.em().find(Received, { id })).toHaveLength(1);
    expect(await receiver.em().execute('select 1 from receiver.inbox where event_id = ?', [id])).toHaveLength(
      1,
    );
  });
});
