import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { uuidv7 } from 'uuidv7';
import type { EntityManager } from '@mikro-orm/postgresql';

export type MailState = 'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | 'expired';

/**
 * One email in a service's durable queue (ADR 0077, shared since ADR 0081): the table `<schema>.mail_queue`
 * (`mailQueueSql`). Inserted through the ORM (or `queueMailStatement`) in the transaction of the change that
 * causes it; the sender moves it on with plain SQL (`MailSender`). Each service checks its own kinds in its table.
 */
@Entity({ tableName: 'mail_queue' })
export class MailMessage {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** What the message is, from the owning service's own union of kinds (checked by its table). */
  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text' })
  recipient!: string;

  @Property({ type: 'text' })
  subject!: string;

  /** The rendered message, until it is sent or given up: then null, with any link in it. */
  @Property({ type: 'text', nullable: true })
  bodyText: string | null = null;

  @Property({ type: 'text', nullable: true })
  bodyHtml: string | null = null;

  /** Extra headers (`List-Unsubscribe`…), which may hold a link: they leave with the body. */
  @Property({ type: 'json', nullable: true })
  headers: Record<string, string> | null = null;

  /**
   * Whom the message is about, in the owning service's terms (`member:<id>`): what lets it drop that person's
   * queued messages at once (an unsubscribe, an erasure). Null for messages that need no such handle.
   */
  @Property({ type: 'text', nullable: true })
  aboutRef: string | null = null;

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

/**
 * Takes a service's messages still waiting (`where`, SQL on its `mail_queue` with `?` parameters) out of the
 * sender's reach, in the caller's transaction, before the caller deletes or expires the queued ones: each, `queued`
 * or `sending`, is made due to be discarded now. That one statement locks them whichever way the sender moves one
 * meanwhile (claims it, or puts a failed try back to `queued`), so they stay as it left them until the caller
 * commits; one being handed to SMTP may still arrive, but should that try fail it is not tried again. Two
 * statements, one per state, each let a message through (ADR 0081, "Race fixed").
 */
export async function discardWaitingMail(em: EntityManager, where: string, params: unknown[]): Promise<void> {
  await em.execute(
    `update ${em.config.get('schema')}.mail_queue set discard_after = least(discard_after, now())
      where state in ('queued', 'sending') and (${where})`,
    params,
    'run',
  );
}

/**
 * Drops a person's messages still waiting, as if never queued: an unsubscribe or an erasure, at once, in the
 * caller's transaction. One being handed to SMTP this moment may still arrive; if that try fails, it is not tried
 * again (it is due to be discarded now). Returns how many were dropped before any try.
 */
export async function dropQueuedMail(
  em: EntityManager,
  aboutRef: string,
  kinds?: readonly string[],
): Promise<number> {
  await discardWaitingMail(
    em,
    `about_ref = ?${kinds ? ` and kind in (${kinds.map(() => '?').join(', ')})` : ''}`,
    [aboutRef, ...(kinds ?? [])],
  );
  return em.nativeDelete(MailMessage, {
    aboutRef,
    ...(kinds ? { kind: { $in: [...kinds] } } : {}),
    state: 'queued',
  });
}
