import { ServiceDatabase, type ServiceSchema } from '@hearth/persistence';
import { OutboxMessage } from '@hearth/messaging';
import { MigrationWebhooksInit } from '../migrations/migration-20261205-webhooks-init';
import { MigrationWebhooksUnplaced } from '../migrations/migration-20261206-webhooks-unplaced';

export const WEBHOOKS_SCHEMA: ServiceSchema = {
  schema: 'webhooks',
  entities: [OutboxMessage],
  migrations: [MigrationWebhooksInit, MigrationWebhooksUnplaced],
};

/** The webhooks service's database, as its own injectable type. */
export class WebhooksDatabase extends ServiceDatabase {}
