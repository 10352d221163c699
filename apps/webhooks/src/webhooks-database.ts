import { ServiceDatabase, type ServiceSchema } from '@hearth/persistence';
import { OutboxMessage } from '@hearth/messaging';
import { MigrationWebhooksInit } from '../migrations/migration-20261205-webhooks-init';
import { MigrationWebhooksUnplaced } from '../migrations/migration-20261206-webhooks-unplaced';
import { MigrationWebhooksTraces } from '../migrations/migration-20270110-webhooks-traces';

export const WEBHOOKS_SCHEMA: ServiceSchema = {
  schema: 'webhooks',
  entities: [OutboxMessage],
  migrations: [MigrationWebhooksInit, MigrationWebhooksUnplaced, MigrationWebhooksTraces],
};

/** The webhooks service's database, as its own injectable type. */
export class WebhooksDatabase extends ServiceDatabase {}
