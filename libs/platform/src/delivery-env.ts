import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { NatsCredentialsEnv } from './nats-env';
import { Bytes, Duration } from './units.util';

const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * How domain events are delivered and kept (ADR 0016): the retry backoff, how long the messaging rows are kept,
 * and (for migrate and standalone, which create it) the events stream's limits. Every horizon is a duration
 * (`30s`, `1h`, `7d`) so a test can run them in seconds; the defaults are the production ones.
 */
export class DeliveryEnv extends NatsCredentialsEnv {
  /** The pause before a failed event is tried again; it doubles each time. */
  @Duration({ min: 1 })
  EVENT_RETRY_FIRST_DELAY: number = SECOND;

  /** The longest pause between two tries of a failed event. */
  @Duration({ min: 1 })
  EVENT_RETRY_MAX_DELAY: number = HOUR;

  /** How long a failed event is tried at least; the stream keeps events this long plus a day. */
  @Duration({ min: SECOND })
  EVENT_RETRY_HORIZON: number = 7 * DAY;

  /** Published outbox rows are kept this long (standalone's replays reread them). */
  @Duration({ min: 0 })
  OUTBOX_RETENTION: number = 8 * DAY;

  /** Inbox rows are kept this long, and never less than the stream keeps events. */
  @Duration({ min: 0 })
  INBOX_RETENTION: number = 9 * DAY;

  /** How often the pruning job applies the retention schedule. */
  @Duration({ min: SECOND })
  PRUNE_INTERVAL: number = HOUR;

  /** Members who left are erased this long after they left (membership; their counts stay). */
  @Duration({ min: DAY })
  RETENTION_LEFT_MEMBERS: number = 730 * DAY;

  /** Audit entries are kept this long (tenants, membership). */
  @Duration({ min: DAY })
  RETENTION_AUDIT: number = 2190 * DAY;

  /** Invitations are kept this long after they were accepted, cancelled or expired (tenants). */
  @Duration({ min: 0 })
  RETENTION_INVITATIONS: number = 90 * DAY;

  /** A sign-in's refresh tokens are kept this long after it ended or was revoked (tenants). */
  @Duration({ min: 0 })
  RETENTION_REFRESH_TOKENS: number = 30 * DAY;

  /** Password reset links are kept this long after they were used or expired (tenants). */
  @Duration({ min: 0 })
  RETENTION_PASSWORD_RESETS: number = 30 * DAY;

  /** Replicas of the events stream: 1 on one NATS server, 3 on a cluster (migrate, standalone). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  NATS_STREAM_REPLICAS?: number;

  /** How long the stream keeps an event; default the retry horizon plus a day (migrate, standalone). */
  @IsOptional()
  @Duration({ min: SECOND })
  NATS_STREAM_MAX_AGE?: number;

  /** The most the stream holds; when full it refuses publishes and events wait in the outboxes. */
  @IsOptional()
  @Bytes({ min: 1024 ** 2 })
  NATS_STREAM_MAX_BYTES?: number;
}
