const DAY_MS = 86_400_000;

/**
 * How a domain event that failed is tried again. A failure that may pass (the database away, a deadlock, a bug
 * that a deploy fixes) is retried with exponential backoff and never given up by the consumer; only an event
 * that can never succeed (it fails validation) is dead-lettered.
 */
export interface RetryPolicy {
  /** The pause before the second attempt; each next pause doubles. */
  firstDelayMs: number;
  /** The longest pause between two attempts. */
  maxDelayMs: number;
  /**
   * How long a failing event is tried at least. The stream keeps events for this long plus a day (`max_age`),
   * and consumers keep their inbox rows at least as long as the stream keeps events.
   */
  horizonMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  firstDelayMs: 1000,
  maxDelayMs: 3_600_000,
  horizonMs: 7 * DAY_MS,
};

/** The margin between the retry horizon and the stream's `max_age`, and between `max_age` and the inbox. */
export const RETENTION_MARGIN_MS = DAY_MS;

/** The stream's `max_age` for a policy: its horizon plus a day. */
export const streamMaxAgeFor = (policy: RetryPolicy): number => policy.horizonMs + RETENTION_MARGIN_MS;

/**
 * The pause after failed attempt `attempt` (1-based): `first × 2^(attempt-1)`, at most `max`, with "equal
 * jitter" (half of it fixed, half random) so that replicas retrying the same outage do not come back in step
 * while the pause still grows.
 */
export function retryDelayMs(
  attempt: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 40);
  const ceiling = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Checks a policy read from configuration; every problem at once. */
export function retryPolicyProblems(policy: RetryPolicy): string[] {
  const problems: string[] = [];
  if (!(policy.firstDelayMs > 0)) problems.push('the first retry delay must be above zero');
  if (policy.maxDelayMs < policy.firstDelayMs)
    problems.push('the longest retry delay must be at least the first');
  if (policy.horizonMs < policy.maxDelayMs)
    problems.push('the retry horizon must be at least the longest delay');
  return problems;
}
