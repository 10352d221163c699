import type { Provider } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Requester } from '@hearth/contracts';
import type { ServiceDatabase, ServiceSchema } from '@hearth/persistence';
import { MetricsRegistry, ReadinessRegistry, type ReadinessReport } from '@hearth/platform';
import { MessageClient } from './message-client';
import { EVENT_PUBLISHER } from './messaging.module';
import { MESSAGING_OPTIONS, NatsConnectionProvider, type MessagingOptions } from './messaging.options';
import { OutboxRelay } from './outbox-relay';
import type { EventPublisher } from './event-publisher';
import { deliveryStats } from './delivery-stats';
import { countedPublisher, databasePoolMetrics } from './messaging-metrics';
import { DEFAULT_RETENTION, PruningJob, messagingRetentionRules, type RetentionRule } from './retention';

type DatabaseClass<D extends ServiceDatabase> = typeof ServiceDatabase & {
  new (orm: MikroORM, schema: string, url?: string, poolMax?: number): D;
};

/** The token of a service's outbox relay, e.g. to kick or inspect it in tests. */
export const outboxRelayToken = (schema: string) => `hearth:outbox-relay:${schema}`;
/** The token of a service's pruning job (its retention schedule), e.g. to run it in tests. */
export const pruningJobToken = (schema: string) => `hearth:pruning-job:${schema}`;

export interface ServiceDataOptions {
  url: string;
  poolMax?: number;
  /** The service's own lines of its retention schedule (left members, audit entries …), beside the messaging ones. */
  retentionRules?: RetentionRule[];
}

/** Ready while the database answers; the details carry the outbox backlog and the dead letters. */
async function databaseReadiness(db: ServiceDatabase): Promise<ReadinessReport> {
  const report = await db.isReady();
  if (!report.ready) return report;
  const stats = await deliveryStats(db);
  const deadLetters = Object.values(stats.deadLetters).reduce((a, b) => a + b, 0);
  return { ready: true, details: { outboxBacklog: stats.outboxBacklog, deadLetters } };
}

function databaseMetrics(metrics: MetricsRegistry, db: ServiceDatabase): void {
  const service = db.schema;
  metrics.gauge('hearth_database_up', 'Whether the service’s database answers.', ['service'], async () => [
    { labels: { service }, value: (await db.isReady()).ready ? 1 : 0 },
  ]);
  metrics.gauge(
    'hearth_outbox_backlog',
    'Domain events committed and not yet relayed (NATS away, the stream full, a consumer failing in process).',
    ['service'],
    async () => [{ labels: { service }, value: (await deliveryStats(db)).outboxBacklog }],
  );
  metrics.gauge(
    'hearth_outbox_oldest_seconds',
    'Age of the oldest event waiting in the outbox.',
    ['service'],
    async () => [{ labels: { service }, value: (await deliveryStats(db)).outboxOldestSeconds }],
  );
  metrics.gauge(
    'hearth_dead_letters',
    'Events that can never be handled (they failed validation), waiting for an operator: npm run dead-letters.',
    ['service', 'consumer'],
    async () =>
      Object.entries((await deliveryStats(db)).deadLetters).map(([consumer, value]) => ({
        labels: { service, consumer },
        value,
      })),
  );
  databasePoolMetrics(metrics, db);
}

/**
 * A service's data providers: its database (an unprivileged connection, in readiness and `/metrics` with its
 * outbox backlog and dead letters), the relay of its outbox to the event transport, started at bootstrap and
 * stopped before shutdown, and its pruning job (the retention schedule).
 */
export function serviceDataProviders<D extends ServiceDatabase>(
  database: DatabaseClass<D>,
  schema: ServiceSchema,
  options: ServiceDataOptions,
): Provider[] {
  return [
    {
      provide: database,
      inject: [ReadinessRegistry, { token: MetricsRegistry, optional: true }],
      useFactory: async (readiness: ReadinessRegistry, metrics?: MetricsRegistry) => {
        const db = await database.connect(schema, { url: options.url, poolMax: options.poolMax });
        readiness.register(`${schema.schema}-db`, { isReady: () => databaseReadiness(db) });
        if (metrics) databaseMetrics(metrics, db);
        return db;
      },
    },
    {
      provide: outboxRelayToken(schema.schema),
      inject: [
        database,
        EVENT_PUBLISHER,
        MESSAGING_OPTIONS,
        NatsConnectionProvider,
        { token: MetricsRegistry, optional: true },
      ],
      useFactory: (
        db: D,
        publisher: EventPublisher,
        messaging: MessagingOptions,
        nats: NatsConnectionProvider,
        metrics?: MetricsRegistry,
      ) => {
        nats.watchStream();
        return new OutboxRelay(
          db,
          countedPublisher(publisher, schema.schema, metrics),
          messaging.retry ? { retry: messaging.retry } : {},
        );
      },
    },
    {
      provide: pruningJobToken(schema.schema),
      inject: [database, MESSAGING_OPTIONS, NatsConnectionProvider],
      useFactory: (db: D, messaging: MessagingOptions, nats: NatsConnectionProvider) => {
        const retention = { ...DEFAULT_RETENTION, ...messaging.retention };
        return new PruningJob(
          db,
          [
            ...messagingRetentionRules(schema.schema, retention, () => nats.streamMaxAgeMs()),
            ...(options.retentionRules ?? []),
          ],
          { intervalMs: retention.intervalMs },
        );
      },
    },
  ];
}

/** A typed client of another service (`new TenantsClient(bus)`) over this process's transport. */
export const clientProvider = <C>(client: new (bus: Requester) => C): Provider => ({
  provide: client,
  inject: [MessageClient],
  useFactory: (bus: MessageClient) => new client(bus),
});
