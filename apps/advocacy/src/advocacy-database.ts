import { ServiceDatabase, type ServiceSchema } from '@hearth/persistence';
import { OutboxMessage } from '@hearth/messaging';
import { MigrationAdvocacyInit } from '../migrations/migration-20261204-advocacy-init';
import { MigrationAdvocacyAsks } from '../migrations/migration-20261205-advocacy-asks';
import { MigrationAdvocacyConsultations2 } from '../migrations/migration-20261205-advocacy-consultations-2';
import { MigrationAdvocacyTestimony } from '../migrations/migration-20261205-advocacy-testimony';
import { MigrationAdvocacyRepresentation } from '../migrations/migration-20261206-advocacy-representation';
import { MigrationAdvocacyRegionThemes } from '../migrations/migration-20261207-advocacy-region-themes';
import { MigrationAdvocacyErasedMembers } from '../migrations/migration-20261207-advocacy-erased-members';
import { MigrationAdvocacyConsultationPublic } from '../migrations/migration-20261208-advocacy-consultation-public';
import { MigrationAdvocacyTraces } from '../migrations/migration-20270110-advocacy-traces';

export const ADVOCACY_SCHEMA: ServiceSchema = {
  schema: 'advocacy',
  entities: [OutboxMessage],
  migrations: [
    MigrationAdvocacyInit,
    MigrationAdvocacyAsks,
    MigrationAdvocacyConsultations2,
    MigrationAdvocacyTestimony,
    MigrationAdvocacyRepresentation,
    MigrationAdvocacyRegionThemes,
    MigrationAdvocacyErasedMembers,
    MigrationAdvocacyConsultationPublic,
    MigrationAdvocacyTraces,
  ],
};

/** The advocacy service's database, as its own injectable type. */
export class AdvocacyDatabase extends ServiceDatabase {}
