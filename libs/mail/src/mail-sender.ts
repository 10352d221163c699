import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type Provider,
} from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import type { ServiceDatabase } from '@hearth/persistence';
import { MailMessage } from './mail-message.entity';
import { MAIL_QUEUE_DEFAULTS, mailRetryDelayMs, type MailQueueOptions } from './mail-queue.options';

/** What a service's sender is given: its SMTP server (none: the loop does not run), sender and queue settings. */
export interface MailSenderConfig {
  smtpUrl?: string;
  smtpFrom?: string;
  queue?: Partial<MailQueueOptions>;
}

const DEFAULT_FROM = 'Hearth <no-reply@hearth.invalid>';

interface ClaimedRow {
  id: string;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string;
  headers: Record<string, string> | null;
  attempts: number;
}

/** Set when a row leaves the queue: its rendered message and headers, with any link, go with it. */
const FINISH = `body_text = null, body_html = null, headers = null, lease_until = null, finished_at = now()`;

/**
 * Sends a service's mail queue, `<schema>.mail_queue` (ADR 0077; shared by every service that emails, ADR 0081).
 * Not a Nest `@Injectable`: each service provides one with its own database and settings (`mailSenderProvider`). One message at a time: claim it with a committed lease (`sending`), hand it
 * to SMTP without holding a transaction, then mark it `sent` (or back to `queued` with backoff, or `failed`).
 * A message still `sending` when its lease ran out was left by a process that stopped mid-try: whether SMTP
 * took it is unknown, so it is marked `unknown` and never sent again. Every message has a Message-ID made from
 * its row id, so a receiver can tell a repeat, should one ever happen.
 */
export class MailSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailSender.name);
  private readonly config: MailQueueOptions;
  private readonly transport?: Transporter;
  private readonly from: string;
  private readonly idDomain: string;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private kicked = false;
  private readonly table: string;

  constructor(
    private readonly db: ServiceDatabase,
    options: MailSenderConfig,
  ) {
    this.table = `${db.schema}.mail_queue`;
    this.config = { ...MAIL_QUEUE_DEFAULTS, ...options.queue };
    this.from = options.smtpFrom ?? DEFAULT_FROM;
    this.idDomain = /@([^>\s]+)>?\s*$/.exec(this.from)?.[1] ?? 'hearth.invalid';
    if (options.smtpUrl) {
      // Every SMTP exchange ends well inside the lease, so a live try is never taken for an abandoned one.
      const timeout = Math.max(1000, Math.floor(this.config.leaseMs / 4));
      // Loaded only with an SMTP server to talk to: some 100 modules a start without one need not load (ADR 0093).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { createTransport } = require('nodemailer') as typeof import('nodemailer');
      this.transport = createTransport({
        url: options.smtpUrl,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
      });
    }
  }

  onApplicationBootstrap(): void {
    if (!this.transport || this.running) return;
    this.running = true;
    this.watchCommits();
    this.loop = this.run();
  }

  /** Waits for the message in flight, so a stop never leaves one whose fate is unknown. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.transport?.close();
  }

  /** Looks at the queue now instead of at the next poll. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** Sends right after a transaction that queued a message commits; the poll covers other replicas and restarts. */
  private watchCommits(): void {
    const pending = new WeakSet<object>();
    this.db.orm.em.getEventManager().registerSubscriber({
      afterFlush: ({ em, uow }) => {
        if (!uow.getChangeSets().some((cs) => cs.entity instanceof MailMessage)) return;
        const tx = em.getTransactionContext<object>();
        if (tx) pending.add(tx);
        else this.kick();
      },
      afterTransactionCommit: ({ transaction }) => {
        if (transaction && pending.has(transaction)) {
          pending.delete(transaction);
          this.kick();
        }
      },
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.kicked = false;
      try {
        await this.settle();
        while (this.running && (await this.sendOne()));
        failures = 0;
      } catch (err) {
        // The database is away: the queue waits in it; say so once, then now and then.
        if (failures++ % 20 === 0)
          this.logger.warn(`The mail queue could not be read (${failures} in a row): ${String(err)}`);
      }
      if (this.running && !this.kicked) await this.sleep(this.config.pollMs);
    }
  }

  /** A pause that `kick` (and shutdown) cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        this.wake = undefined;
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private exec<R = Record<string, unknown>>(sql: string, params: (string | number | null)[] = []) {
    return this.db.transactPlatform(async (tx) => {
      const [rows] = await tx.run<[R[]]>({ sql, params }, { commit: true });
      return rows;
    });
  }

  /** Gives up what is too late to send, and marks abandoned tries unknown (never resent). */
  private async settle(): Promise<void> {
    const expired = await this.exec(
      `update ${this.table} set state = 'expired', ${FINISH}
        where state = 'queued' and discard_after <= now() returning id`,
    );
    const unknown = await this.exec<{ id: string; kind: string }>(
      `update ${this.table} set state = 'unknown', ${FINISH},
        last_error = 'the process sending it stopped before it knew whether the SMTP server took it'
        where state = 'sending' and lease_until < now() returning id, kind`,
    );
    if (expired.length) this.logger.log(`${expired.length} queued email(s) expired unsent.`);
    for (const row of unknown)
      this.logger.warn(
        `Email ${row.id} (${row.kind}) may or may not have been sent: its try was cut short. It is not sent again.`,
      );
  }

  /** Claims, sends and settles the next due message; false when none is due. */
  private async sendOne(): Promise<boolean> {
    const [row] = await this.exec<ClaimedRow>(
      `update ${this.table} set state = 'sending', attempts = attempts + 1,
          lease_until = now() + make_interval(secs => $1)
        where id = (select id from ${this.table} where state = 'queued' and next_attempt_at <= now() and discard_after > now()
          order by next_attempt_at, id limit 1 for update skip locked)
        returning id, recipient, subject, body_text, body_html, headers, attempts`,
      [this.config.leaseMs / 1000],
    );
    if (!row) return false;
    try {
      await this.transport!.sendMail({
        from: this.from,
        to: row.recipient,
        subject: row.subject,
        text: row.body_text,
        html: row.body_html,
        messageId: `<${row.id}@${this.idDomain}>`,
        headers: { ...row.headers, 'Auto-Submitted': 'auto-generated' },
      });
    } catch (err) {
      await this.failed(row, err);
      return true;
    }
    // Also over `unknown`: had another replica given up on a slow try, what happened is now known.
    await this.exec(
      `update ${this.table} set state = 'sent', sent_at = now(), last_error = null, ${FINISH}
        where id = $1 and attempts = $2 and state in ('sending', 'unknown')`,
      [row.id, row.attempts],
    );
    return true;
  }

  /** The SMTP server refused (5xx: for good) or could not be reached or said "later": retried with backoff. */
  private async failed(row: ClaimedRow, err: unknown): Promise<void> {
    const code = (err as { responseCode?: number }).responseCode;
    const permanent = code !== undefined && code >= 500;
    // An SMTP answer may quote the address: kept out of the row and the log.
    const said = (err instanceof Error ? err.message : String(err)).replace(
      /[^\s<>@"]+@[^\s<>@"]+/g,
      '[address]',
    );
    const reason = (code ? `${code} ` : '') + said.slice(0, 300);
    if (permanent || row.attempts >= this.config.maxAttempts) {
      await this.exec(
        `update ${this.table} set state = 'failed', last_error = $3, ${FINISH}
          where id = $1 and attempts = $2 and state = 'sending'`,
        [row.id, row.attempts, reason],
      );
      this.logger.error(`Email ${row.id} was given up after ${row.attempts} tries: ${reason}`);
      return;
    }
    const delayMs = mailRetryDelayMs(row.attempts, this.config);
    await this.exec(
      `update ${this.table} set state = 'queued', lease_until = null, last_error = $3,
          next_attempt_at = now() + make_interval(secs => $4)
        where id = $1 and attempts = $2 and state = 'sending'`,
      [row.id, row.attempts, reason, delayMs / 1000],
    );
    this.logger.warn(
      `Email ${row.id} was not sent (try ${row.attempts}); next try in ${delayMs} ms: ${reason}`,
    );
  }
}

/** A service's sender as a Nest provider: its own database and settings. */
export const mailSenderProvider = (
  database: abstract new (...args: never[]) => ServiceDatabase,
  config: MailSenderConfig,
): Provider => ({
  provide: MailSender,
  useFactory: (db: ServiceDatabase) => new MailSender(db, config),
  inject: [database],
});
