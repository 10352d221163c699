import { ServiceDatabase, type ServiceSchema } from '@hearth/persistence';
import { OutboxMessage } from '@hearth/messaging';
import { MigrationDirectoryInit } from '../migrations/migration-20261203-directory-init';
import { MigrationDirectoryHsds } from '../migrations/migration-20261210-directory-hsds';
import { MigrationDirectoryTaxonomy } from '../migrations/migration-20261211-directory-taxonomy';
import { MigrationDirectoryCuration } from '../migrations/migration-20261214-directory-curation';
import { MigrationDirectoryFeedFilters } from '../migrations/migration-20261215-directory-feed-filters';
import { MigrationDirectorySignposts } from '../migrations/migration-20261215-directory-signposts';
import { MigrationDirectoryLeroListings } from '../migrations/migration-20261216-lero-listings';
import { MigrationDirectoryPostcodes } from '../migrations/migration-20261220-directory-postcodes';
import { MigrationDirectoryImports } from '../migrations/migration-20261222-directory-imports';
import { MigrationDirectoryImportSuggestions } from '../migrations/migration-20261223-directory-import-suggestions';
import { MigrationDirectoryEsd } from '../migrations/migration-20261224-directory-esd';
import { MigrationDirectoryFeedPerformance } from '../migrations/migration-20261228-directory-feed-performance';
import { MigrationDirectoryFeedVersions } from '../migrations/migration-20261230-directory-feed-versions';
import { MigrationDirectoryRoleSources } from '../migrations/migration-20270105-directory-role-sources';
import { MigrationDirectoryTraces } from '../migrations/migration-20270110-directory-traces';

export const DIRECTORY_SCHEMA: ServiceSchema = {
  schema: 'directory',
  entities: [OutboxMessage],
  migrations: [
    MigrationDirectoryInit,
    MigrationDirectoryHsds,
    MigrationDirectoryTaxonomy,
    MigrationDirectoryCuration,
    MigrationDirectoryFeedFilters,
    MigrationDirectorySignposts,
    MigrationDirectoryLeroListings,
    MigrationDirectoryPostcodes,
    MigrationDirectoryImports,
    MigrationDirectoryImportSuggestions,
    MigrationDirectoryEsd,
    MigrationDirectoryFeedPerformance,
    MigrationDirectoryFeedVersions,
    MigrationDirectoryRoleSources,
    MigrationDirectoryTraces,
  ],
};

/** The directory service's database, as its own injectable type. */
export class DirectoryDatabase extends ServiceDatabase {}
