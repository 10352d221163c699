import { ServiceDatabase, type ServiceSchema } from '@hearth/persistence';
import { OutboxMessage } from '@hearth/messaging';
import { MigrationAdvocacyInit } from '../migrations/migration-20261204-advocacy-init';
import { MigrationAdvocacyAsks } from '../migrations/migration-20261205-advocacy-asks';
import { MigrationAdvocacyTestimony } from '../migrations/migration-20261205-advocacy-testimony';

export const ADVOCACY_SCHEMA: ServiceSchema = {
  schema: 'advocacy',
  entities: [OutboxMessage],
  migrations: [MigrationAdvocacyInit, MigrationAdvocacyAsks, MigrationAdvocacyTestimony],
};

/** The advocacy service's database, as its own injectable type. */
export class AdvocacyDatabase extends ServiceDatabase {}
