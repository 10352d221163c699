/** What a LERO's and a region's webhook routes say alike in the API document (ADR 0079). */
export const SUBSCRIPTION_SHAPE =
  '`{id, url, eventTypes, description, createdAt, previousSecretUntil}` (`previousSecretUntil`: until when the ' +
  'previous secret still signs beside the new one, null when no rotation is under way)';
export const DELIVERY_SHAPE =
  '`{id, subscriptionId, eventType, status: pending | delivered | failed, attempts, lastStatusCode, lastError, ' +
  'nextAttemptAt, createdAt, deliveredAt, payload}`';

export const SUBSCRIBE_DESCRIPTION =
  '`{url, eventTypes: (session.scheduled | session.cancelled | activity.published | directory.listing.changed | ' +
  'report.released)[], description?}` (the last two a region’s only): an https:// address on the ' +
  'public internet. Each event of those types is POSTed to it as `{type, timestamp, data}` (ids, times, ' +
  'categories; never a person), with the Standard Webhooks headers `webhook-id` (the same across retries), ' +
  '`webhook-timestamp` and `webhook-signature`. Answers ' +
  `${SUBSCRIPTION_SHAPE} and \`secret\` (\`whsec_…\`), shown this once: verify signatures with it.`;
export const BAD_URL =
  '400 naming `url` for an address that is not https:// or leads to a private, loopback or link-local address';
export const REGION_ONLY =
  '400 naming `eventTypes` for `directory.listing.changed` or `report.released`, a region’s subscriptions only';
export const ROTATE_DESCRIPTION =
  'A new secret signs from now; for a grace period (24 hours by default) each delivery carries a signature ' +
  'with the previous secret too, so the receiver can switch without losing a message. Answers the ' +
  'subscription with its new `secret`, shown this once.';
export const LOG_DESCRIPTION =
  `A page of deliveries, newest first (\`limit\` 50 unless given, at most 100), as ${DELIVERY_SHAPE}; ` +
  '`subscriptionId` and `status` narrow it. A failing delivery is retried with backoff for at least 24 hours, ' +
  'then `failed`.';
export const REPLAY_DESCRIPTION =
  'Queues the delivery for sending at once, with its retries afresh and the same `webhook-id` (a receiver ' +
  'that has it can drop it); never while an attempt is in flight (409: replay once it is logged). Answers ' +
  `${DELIVERY_SHAPE}, \`pending\`.`;
