import { ServiceDatabase, type ServiceSchema } from '@hearth/persistence';
import { OutboxMessage } from '@hearth/messaging';
import { MigrationDirectoryInit } from '../migrations/migration-20261203-directory-init';

export const DIRECTORY_SCHEMA: ServiceSchema = {
  schema: 'directory',
  entities: [OutboxMessage],
  migrations: [MigrationDirectoryInit],
};

/** The directory service's database, as its own injectable type. */
export class DirectoryDatabase extends ServiceDatabase {}
