// The public entry of this app (ADR 0021): what standalone, migrate, bench and tests of other apps may import.
// Everything else in this app is private to it; other apps talk to it only through @hearth/contracts subjects.
export { createWebhooksApp } from './webhooks.app';
export type { WebhooksOptions } from './webhooks.options';
export { WEBHOOKS_SCHEMA, WebhooksDatabase } from './webhooks-database';
export { WebhooksEnv } from './config/env.schema';
export { loadOrCreateWebhookSecretKeys } from './deliveries/secret-cipher';
