import type { WebhookRetryPolicy } from '../webhooks.options';

/**
 * When a delivery that has failed `attempts` times (1 after the first) is tried next, or null to give up: the wait
 * doubles from `baseMs` up to `maxDelayMs`, each drawn between half and all of it (jitter, so that receivers coming
 * back are not all hit at once), and the last attempt falls exactly on the horizon (ADR 0079).
 */
export function nextAttemptAt(
  policy: WebhookRetryPolicy,
  firstAttemptAt: Date,
  attempts: number,
  now: Date,
  random: () => number = Math.random,
): Date | null {
  const horizon = firstAttemptAt.getTime() + policy.horizonMs;
  if (now.getTime() >= horizon) return null;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** Math.min(attempts - 1, 40));
  const wait = ceiling / 2 + (random() * ceiling) / 2;
  return new Date(Math.min(now.getTime() + wait, horizon));
}
