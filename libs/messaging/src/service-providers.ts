import type { Provider } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Requester } from '@hearth/contracts';
import type { ServiceDatabase, ServiceSchema } from '@hearth/persistence';
import { ReadinessRegistry } from '@hearth/platform';
import { MessageClient } from './message-client';
import { EVENT_PUBLISHER } from './messaging.module';
import { OutboxRelay } from './outbox-relay';
import type { EventPublisher } from './event-publisher';

type DatabaseClass<D extends ServiceDatabase> = typeof ServiceDatabase & {
  new (orm: MikroORM, schema: string, url?: string, poolMax?: number): D;
};

/** The token of a service's outbox relay, e.g. to kick or inspect it in tests. */
export const outboxRelayToken = (schema: string) => `hearth:outbox-relay:${schema}`;

/**
 * A service's data providers: its database (an unprivileged connection, registered for readiness) and the
 * relay of its outbox to the event transport, started at bootstrap and stopped before shutdown.
 */
export function serviceDataProviders<D extends ServiceDatabase>(
  database: DatabaseClass<D>,
  schema: ServiceSchema,
  options: { url: string; poolMax?: number },
): Provider[] {
  return [
    {
      provide: database,
      inject: [ReadinessRegistry],
      useFactory: async (readiness: ReadinessRegistry) => {
        const db = await database.connect(schema, { url: options.url, poolMax: options.poolMax });
        readiness.register(`${schema.schema}-db`, db);
        return db;
      },
    },
    {
      provide: outboxRelayToken(schema.schema),
      inject: [database, EVENT_PUBLISHER],
      useFactory: (db: D, publisher: EventPublisher) => new OutboxRelay(db, publisher),
    },
  ];
}

/** A typed client of another service (`new TenantsClient(bus)`) over this process's transport. */
export const clientProvider = <C>(client: new (bus: Requester) => C): Provider => ({
  provide: client,
  inject: [MessageClient],
  useFactory: (bus: MessageClient) => new client(bus),
});
