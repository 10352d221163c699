import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { uuidv7 } from 'uuidv7';

/**
 * A domain event waiting in the service's own schema to be relayed. Written in the same transaction as the
 * change it describes, so the change and its event commit or roll back together.
 */
@Entity({ tableName: 'outbox' })
export class OutboxMessage {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'uuid', nullable: true })
  tenantId: string | null = null;

  @Property({ type: 'json' })
  payload!: unknown;

  @Property({ type: 'timestamptz' })
  occurredAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null = null;

  /** The W3C trace context of the work that wrote the event, for the relay's span (ADR 0087); null untraced. */
  @Property({ type: 'text', nullable: true })
  traceparent: string | null = null;

  @Property({ type: 'text', nullable: true })
  tracestate: string | null = null;
}
