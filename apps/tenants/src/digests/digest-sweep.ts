import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { uuidv7 } from 'uuidv7';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { Mailer } from '../mail/mailer';
import { hashSecretToken, newSecretToken } from '../secret-token.util';
import { DIGEST_DEFAULTS, digestPeriod, type DigestOptions, type DigestPeriod } from './digest-schedule.util';
import { DigestFactsGatherer, type DigestRecipient } from './digest-facts';
import { digestIsEmpty, digestMail, type DigestFacts } from './digest-mail.util';
import { DigestsRepository } from './digests.repository';

/** Accounts looked at per round; the next round takes the rest. */
const BATCH = 50;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Sends the weekly digests (ADR 0083): every replica looks now and then for accounts due one in the current
 * period, asks the services for its facts as the recipient, and then, in one transaction, claims the account's
 * period (a unique row: two sweeps or two replicas send once) and queues the email. Nothing to tell, no email.
 * An account whose facts could not be had (a service away) is tried again at the next look.
 */
@Injectable()
export class DigestSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DigestSweep.name);
  private readonly config: DigestOptions;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly db: TenantsDatabase,
    private readonly repo: DigestsRepository,
    private readonly facts: DigestFactsGatherer,
    private readonly mailer: Mailer,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {
    this.config = { ...DIGEST_DEFAULTS, ...options.digest };
  }

  onApplicationBootstrap(): void {
    if (!this.mailer.configured) return;
    this.schedule(Math.min(this.config.pollMs, 1000));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .then(() => undefined)
        .catch((err) => this.logger.warn(`The digest sweep stopped short: ${String(err)}`))
        .finally(() => this.schedule(this.config.pollMs));
    }, ms);
    this.timer.unref();
  }

  /** One look: every account due a digest of the current period, while the period still sends. */
  async sweep(): Promise<number> {
    let queued = 0;
    const period = digestPeriod(clockOf(this.options), this.config);
    const tried = new Set<string>();
    while (!this.stopped && clockOf(this.options) < period.sendUntil) {
      const due = await this.repo.dueRecipients(this.db.em(), period.key, BATCH + tried.size);
      const fresh = due.filter((r) => !tried.has(r.accountId));
      if (fresh.length === 0) break;
      for (const who of fresh) {
        tried.add(who.accountId);
        try {
          if (await this.send(who, period)) queued++;
        } catch (err) {
          this.logger.warn(`Account ${who.accountId}'s digest waits for the next look: ${String(err)}`);
        }
      }
    }
    return queued;
  }

  private async send(who: DigestRecipient, period: DigestPeriod): Promise<boolean> {
    const scopes = await this.repo.scopesOf(this.db.em(), who.accountId);
    const facts: DigestFacts = {
      leros: await Promise.all(scopes.leros.map((l) => this.facts.lero(who, l, this.config))),
      regions: await Promise.all(scopes.regions.map((r) => this.facts.region(who, r))),
    };
    const empty = digestIsEmpty(facts);
    const token = newSecretToken();
    return this.db.em().transactional(async (tx) => {
      if (!(await this.repo.lockIfDigestOn(tx, who.accountId))) return false;
      const runId = uuidv7();
      const claimed = await this.repo.claim(tx, {
        id: runId,
        accountId: who.accountId,
        period: period.key,
        unsubscribeHash: empty ? null : hashSecretToken(token),
      });
      if (!claimed || empty) return false;
      const unsubscribe = this.link('/digest/unsubscribe', token);
      const mailId = this.mailer.queueDigest(
        tx,
        who.email,
        digestMail(facts, { hearth: this.link('/'), unsubscribe }, this.config.trainingDays),
        {
          'List-Unsubscribe': `<${this.link('/digest/unsubscribe/one-click', token)}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
        // Late by more than a day, it is no longer this week's news.
        new Date(clockOf(this.options).getTime() + DAY_MS),
      );
      if (!mailId) return false;
      await tx.flush();
      await this.repo.setMail(tx, runId, mailId);
      return true;
    });
  }

  private link(path: string, token?: string): string {
    const base = (this.options.publicUrl ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
    return token ? `${base}${path}?token=${encodeURIComponent(token)}` : `${base}${path}`;
  }
}
