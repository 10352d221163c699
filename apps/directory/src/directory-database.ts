import { ServiceDatabase, type ServiceSchema } from '@hearth/persistence';
import { OutboxMessage } from '@hearth/messaging';
import { MigrationDirectoryInit } from '../migrations/migration-20261203-directory-init';
import { MigrationDirectoryHsds } from '../migrations/migration-20261210-directory-hsds';
import { MigrationDirectoryTaxonomy } from '../migrations/migration-20261211-directory-taxonomy';
import { MigrationDirectoryLeroListings } from '../migrations/migration-20261216-lero-listings';

export const DIRECTORY_SCHEMA: ServiceSchema = {
  schema: 'directory',
  entities: [OutboxMessage],
  migrations: [
    MigrationDirectoryInit,
    MigrationDirectoryHsds,
    MigrationDirectoryTaxonomy,
    MigrationDirectoryLeroListings,
  ],
};

/** The directory service's database, as its own injectable type. */
export class DirectoryDatabase extends ServiceDatabase {}
