import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { uuidv7 } from 'uuidv7';

/** What the queue sends; a string-literal union because it is stored and counted by kind. */
export type MailKind =
  'invitation' | 'password-reset' | 'forgot-password' | 'break-glass-notice' | 'security-notice' | 'digest';

export type MailState = 'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | 'expired';

/**
 * One email in the durable queue (ADR 0077). Only ever inserted through the ORM, in the transaction of the
 * change that causes it; the sender moves it on with plain SQL (`MailSender`).
 */
@Entity({ tableName: 'mail_queue' })
export class MailMessage {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'text' })
  kind!: MailKind;

  @Property({ type: 'text' })
  recipient!: string;

  @Property({ type: 'text' })
  subject!: string;

  /** The rendered message, until it is sent or given up: then null, with any link in it. */
  @Property({ type: 'text', nullable: true })
  bodyText: string | null = null;

  @Property({ type: 'text', nullable: true })
  bodyHtml: string | null = null;

  /** Extra headers (a digest's List-Unsubscribe, ADR 0083): kept, like the body, only while the message waits. */
  @Property({ type: 'json', nullable: true })
  headers: Record<string, string> | null = null;

  @Property({ type: 'text' })
  state: MailState = 'queued';

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'timestamptz' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null = null;

  /** Not sent by then, not sent at all: a link that has expired is not worth a message. */
  @Property({ type: 'timestamptz' })
  discardAfter!: Date;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  sentAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;
}
