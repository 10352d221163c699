import type { Pool } from 'pg';
import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import { AppError, ERROR_CODES, type ErrorCode } from '@hearth/contracts';
import type { ServiceDatabase } from '@hearth/persistence';
import { MetricsRegistry } from '@hearth/platform';
import type { EventPublisher } from './event-publisher';
import type { RequestTransport } from './message-client';
import type { EventProcessor, ProcessOutcome } from './event-consumer';

/** What a request came to: answered, one of the wire's error codes, or no answer within the caller's timeout. */
export type RequestResult = 'OK' | ErrorCode | 'TIMEOUT';

const codeOf = (shape: unknown): ErrorCode =>
  AppError.isShape(shape) && (ERROR_CODES as readonly string[]).includes(shape.code)
    ? shape.code
    : 'INTERNAL';

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

/** Records one answered request: its subject, its result code and how long it took from `since`. */
export type HandlerRecorder = (subject: string, code: ErrorCode | 'OK', since: bigint) => void;

/**
 * Counts and times every request a service answers, per subject (subjects are constants, so the series are
 * bounded) and per result code: `MessageContextInterceptor` records each message's outcome, so a refused token or
 * invalid data counts as the error it answers (one interceptor, not a second rxjs layer per message).
 */
export function handlerMetrics(metrics: MetricsRegistry | undefined): HandlerRecorder | undefined {
  if (!metrics) return undefined;
  const handled = metrics.counter('hearth_nats_handled_total', 'Requests this process answered.', [
    'subject',
    'code',
  ]);
  const duration = metrics.histogram(
    'hearth_nats_handler_duration_seconds',
    'Time this process took to answer a request (verify, validate, handle).',
    ['subject'],
  );
  return (subject, code, since) => {
    handled.inc({ subject, code });
    duration.observe({ subject }, seconds(since));
  };
}

/** The wire code of a failure's shape (`INTERNAL` for one outside the contract). */
export const failureCode = (shape: unknown): ErrorCode => codeOf(shape);

/**
 * The request transport of `MessageClient`, counted and timed per subject: what came back (the error code when
 * it failed), and a timeout when the caller stopped waiting before any answer came.
 */
export function measuredProxy(transport: RequestTransport, metrics?: MetricsRegistry): RequestTransport {
  if (!metrics) return transport;
  const requests = metrics.counter(
    'hearth_nats_requests_total',
    'Requests this process sent, by what came back.',
    ['subject', 'code'],
  );
  const timeouts = metrics.counter(
    'hearth_nats_request_timeouts_total',
    'Requests this process stopped waiting for (no answer within the timeout).',
    ['subject'],
  );
  const duration = metrics.histogram(
    'hearth_nats_request_duration_seconds',
    'Time from sending a request to its answer (or to giving up).',
    ['subject'],
  );
  return {
    close: () => transport.close(),
    request: async (subject, envelope, timeoutMs, asText) => {
      const since = process.hrtime.bigint();
      const answered = await transport.request(subject, envelope, timeoutMs, asText);
      const code: RequestResult =
        answered.kind === 'answer'
          ? 'OK'
          : answered.kind === 'timeout'
            ? 'TIMEOUT'
            : answered.kind === 'error' && AppError.isShape(answered.error)
              ? codeOf(answered.error)
              : 'UNAVAILABLE';
      requests.inc({ subject, code });
      if (code === 'TIMEOUT') timeouts.inc({ subject });
      duration.observe({ subject }, seconds(since));
      return answered;
    },
  };
}

/** The outbox relay's publisher, counting the events the transport took per service. */
export function countedPublisher(
  publisher: EventPublisher,
  service: string,
  metrics?: MetricsRegistry,
): EventPublisher {
  if (!metrics) return publisher;
  const relayed = metrics.counter(
    'hearth_outbox_relayed_total',
    'Events the outbox relay handed to the event transport (a re-send after a crash counts again).',
    ['service'],
  );
  relayed.inc({ service }, 0);
  return {
    publish: async (event, opts) => {
      await publisher.publish(event, opts);
      relayed.inc({ service });
    },
  };
}

const OUTCOMES: readonly ProcessOutcome[] = ['handled', 'duplicate', 'retry', 'unavailable', 'dead'];

/**
 * A durable consumer, counted: each delivery by its outcome, and the redeliveries (the transport's delivery count
 * above one: a retry, an ack lost, a replica that stopped mid-way).
 */
export function countedConsumer(consumer: EventProcessor, metrics?: MetricsRegistry): EventProcessor {
  if (!metrics) return consumer;
  const deliveries = metrics.counter(
    'hearth_event_deliveries_total',
    'Domain events delivered to a durable consumer, by outcome (handled, duplicate, retry, unavailable, dead).',
    ['consumer', 'outcome'],
  );
  const redeliveries = metrics.counter(
    'hearth_event_redeliveries_total',
    'Deliveries of an event the consumer had been given before.',
    ['consumer'],
  );
  const name = consumer.name;
  for (const outcome of OUTCOMES) deliveries.inc({ consumer: name, outcome }, 0);
  redeliveries.inc({ consumer: name }, 0);
  const count = (attempt: number, outcome: ProcessOutcome | undefined) => {
    if (outcome) deliveries.inc({ consumer: name, outcome });
    if (attempt > 1) redeliveries.inc({ consumer: name });
  };
  const batch = consumer.processBatch?.bind(consumer);
  return {
    name,
    subjects: consumer.subjects,
    process: async (event, attempt, source) => {
      const outcome = await consumer.process(event, attempt, source);
      count(attempt, outcome);
      return outcome;
    },
    ...(batch && {
      processBatch: async (list) => {
        const outcomes = await batch(list);
        list.forEach((d, i) => count(d.attempt, outcomes[i]));
        return outcomes;
      },
    }),
    ...(consumer.recordUnreadable && { recordUnreadable: consumer.recordUnreadable.bind(consumer) }),
    ...(consumer.isAvailable && { isAvailable: consumer.isAvailable.bind(consumer) }),
    ...(consumer.replayRequested && { replayRequested: consumer.replayRequested.bind(consumer) }),
  };
}

/**
 * A service database's connection pools (the ORM's and the raw one-round-trip paths', once made): connections
 * open, idle and the most allowed, and queries waiting for a connection.
 */
export function databasePoolMetrics(metrics: MetricsRegistry, db: ServiceDatabase): void {
  const service = db.schema;
  const pools = async (): Promise<[string, Pool][]> => {
    const orm = await (db.orm.em.getConnection() as PostgreSqlConnection).getNativeClient();
    // Made on first use of `readInTenant`/`transactInTenant`; ServiceDatabase keeps it to itself.
    const raw = (db as unknown as { fastPool?: Pool }).fastPool;
    return raw
      ? [
          ['orm', orm],
          ['raw', raw],
        ]
      : [['orm', orm]];
  };
  const gauge = (name: string, help: string, read: (p: Pool) => number) =>
    metrics.gauge(name, help, ['service', 'pool'], async () =>
      (await pools()).map(([pool, p]) => ({ labels: { service, pool }, value: read(p) })),
    );
  gauge(
    'hearth_database_pool_connections',
    'Connections the pool holds open (idle or in use).',
    (p) => p.totalCount,
  );
  gauge('hearth_database_pool_idle_connections', 'Open connections not in use.', (p) => p.idleCount);
  gauge(
    'hearth_database_pool_waiting',
    'Queries waiting for a connection (the pool is exhausted).',
    (p) => p.waitingCount,
  );
  gauge(
    'hearth_database_pool_max_connections',
    'The most connections the pool opens.',
    (p) => p.options.max ?? 10,
  );
}
