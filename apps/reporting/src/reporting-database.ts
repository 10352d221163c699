import { ServiceDatabase, type ServiceSchema } from '@hearth/persistence';
import { OutboxMessage } from '@hearth/messaging';
import { MigrationReportingInit } from '../migrations/migration-20261127-reporting-init';
import { MigrationReportingOrderIndependentProjections } from '../migrations/migration-20261204-order-independent-projections';
import { MigrationReportingDelivery } from '../migrations/migration-20261204-reporting-delivery';
import { MigrationReportingParticipantErasure } from '../migrations/migration-20261205-participant-erasure';
import { MigrationReportingSignposts } from '../migrations/migration-20261215-reporting-signposts';
import { MigrationReportingVolunteerHours } from '../migrations/migration-20261220-reporting-volunteer-hours';
import { MigrationReportingAdvocacy } from '../migrations/migration-20261221-reporting-advocacy';
import { MigrationReportingTraces } from '../migrations/migration-20270110-reporting-traces';
import { MigrationReportingFigureGenerations } from '../migrations/migration-20270120-reporting-figure-generations';

export const REPORTING_SCHEMA: ServiceSchema = {
  schema: 'reporting',
  entities: [OutboxMessage],
  migrations: [
    MigrationReportingInit,
    MigrationReportingOrderIndependentProjections,
    MigrationReportingDelivery,
    MigrationReportingParticipantErasure,
    MigrationReportingSignposts,
    MigrationReportingVolunteerHours,
    MigrationReportingAdvocacy,
    MigrationReportingTraces,
    MigrationReportingFigureGenerations,
  ],
};

/** The reporting service's database, as its own injectable type. */
export class ReportingDatabase extends ServiceDatabase {}
