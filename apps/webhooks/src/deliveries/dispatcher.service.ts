import { Inject, Injectable, Logger } from '@nestjs/common';
import { PeriodicService, safeFetch, SafeFetchError } from '@hearth/platform';
import {
  DEFAULT_DELIVERY_TIMEOUT_MS,
  DEFAULT_DISPATCH_INTERVAL_MS,
  DEFAULT_RETRY,
  WEBHOOKS_OPTIONS,
  type WebhooksOptions,
} from '../webhooks.options';
import { DispatchRepository, type ClaimedDelivery } from './dispatch.repository';
import { fetchOptionsFor } from './receiver-address';
import { nextAttemptAt } from './retry.util';
import { UNPLACED_KEPT_MS } from './lero-regions';
import { WebhookSecretCipher } from './secret-cipher';
import { signedHeaders } from './signing';

const BATCH = 20;

/** What an attempt came to, for the log. */
export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/**
 * Sends the deliveries that are due, at start and then every `dispatchIntervalMs` (ADR 0079): claims a batch
 * under a lease (FOR UPDATE SKIP LOCKED, so replicas share the queue and a crashed one's claims come back when the
 * lease ends), posts each through `safeFetch` signed per Standard Webhooks, and records the outcome: `delivered`
 * on a 2xx, else the next attempt with backoff, or `failed` past the retry horizon.
 */
@Injectable()
export class Dispatcher extends PeriodicService {
  private readonly logger = new Logger(Dispatcher.name);

  constructor(
    private readonly queue: DispatchRepository,
    private readonly cipher: WebhookSecretCipher,
    @Inject(WEBHOOKS_OPTIONS) private readonly options: WebhooksOptions,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.options.dispatchIntervalMs ?? DEFAULT_DISPATCH_INTERVAL_MS;
  }

  protected work(): Promise<number> {
    return this.dispatch();
  }

  private timeoutMs() {
    return this.options.deliveryTimeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS;
  }

  /** Sends every due delivery; returns how many attempts it made. */
  async dispatch(): Promise<number> {
    let made = 0;
    await this.queue.pruneUnplaced(new Date(Date.now() - UNPLACED_KEPT_MS));
    for (;;) {
      const now = new Date();
      // The lease outlives one attempt of each in the batch, sent one after another.
      const claimed = await this.queue.claim(now, this.timeoutMs() * (BATCH + 1), BATCH);
      for (const delivery of claimed) {
        const outcome = await this.attempt(delivery, new Date());
        await this.record(delivery, outcome);
        made++;
      }
      if (claimed.length < BATCH) return made;
    }
  }

  private readable(stored: string, subscriptionId: string): string | null {
    try {
      return this.cipher.decrypt(stored, subscriptionId);
    } catch {
      return null;
    }
  }

  private async attempt(d: ClaimedDelivery, at: Date): Promise<AttemptOutcome> {
    const body = JSON.stringify(d.payload);
    try {
      // A secret no configured key decrypts is this attempt's error (logged on the delivery), not the batch's.
      const secrets = [this.cipher.decrypt(d.secret, d.subscription_id)];
      // The previous secret only adds a signature: unreadable (rotated away from a lost key), it is left out.
      if (d.previous_secret && d.previous_secret_until && new Date(d.previous_secret_until) > at) {
        const previous = this.readable(d.previous_secret, d.subscription_id);
        if (previous) secrets.push(previous);
      }
      const url = new URL(d.url);
      const res = await safeFetch(url, {
        ...fetchOptionsFor(url, this.options),
        body,
        maxBytes: 64 * 1024,
        timeoutMs: this.timeoutMs(),
        headers: {
          'content-type': 'application/json',
          accept: '*/*',
          ...signedHeaders(d.id, at, body, secrets),
        },
      });
      const ok = res.status >= 200 && res.status < 300;
      return { ok, statusCode: res.status, error: ok ? null : `answered ${res.status}` };
    } catch (err) {
      if (err instanceof SafeFetchError)
        return { ok: false, statusCode: null, error: `${err.reason}: ${err.message}` };
      this.logger.warn({ err, deliveryId: d.id }, 'webhook attempt failed unexpectedly');
      return { ok: false, statusCode: null, error: 'failed' };
    }
  }

  private record(d: ClaimedDelivery, outcome: AttemptOutcome): Promise<void> {
    const now = new Date();
    const next = outcome.ok
      ? null
      : nextAttemptAt(
          { ...DEFAULT_RETRY, ...this.options.retry },
          new Date(d.first_attempt_at),
          d.tries + 1,
          now,
        );
    return this.queue.record(d.id, d.lease_until, {
      status: outcome.ok ? 'delivered' : next ? 'pending' : 'failed',
      statusCode: outcome.statusCode,
      error: outcome.error,
      nextAttemptAt: next,
      at: now,
    });
  }
}
