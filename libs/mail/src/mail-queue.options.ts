const MINUTE_MS = 60_000;

/** How a mail queue polls, retries and forgets (ADR 0077); each sending service has its own `MAIL_…` variables. */
export interface MailQueueOptions {
  /** Pause between looks at the queue when nothing was committed meanwhile. */
  pollMs: number;
  /** The first retry after a failed try, doubling each time up to `retryMaxMs`. */
  retryFirstMs: number;
  retryMaxMs: number;
  /** Tries before a message is given up (`failed`). */
  maxAttempts: number;
  /** How long one try may hold a message: longer than any SMTP exchange may take (the transport's timeouts are set under it). */
  leaseMs: number;
  /** Sent and given-up messages' envelopes (recipient, subject, state) are deleted this long after they finished. */
  keepMs: number;
}

export const MAIL_QUEUE_DEFAULTS: MailQueueOptions = {
  pollMs: 5_000,
  retryFirstMs: MINUTE_MS,
  retryMaxMs: 60 * MINUTE_MS,
  maxAttempts: 12,
  leaseMs: 10 * MINUTE_MS,
  keepMs: 30 * 24 * 60 * MINUTE_MS,
};

/** The delay before try `attempt + 1`: doubling from the first, capped; no jitter, the queue is small. */
export const mailRetryDelayMs = (attempt: number, o: MailQueueOptions): number =>
  Math.min(o.retryMaxMs, o.retryFirstMs * 2 ** Math.min(Math.max(attempt, 1) - 1, 30));
