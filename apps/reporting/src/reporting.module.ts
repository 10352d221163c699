import { Module, type DynamicModule } from '@nestjs/common';
import { serviceDataProviders } from '@hearth/messaging';
import { REPORTING_SCHEMA, ReportingDatabase } from './reporting-database';
import { REPORTING_OPTIONS, type ReportingOptions } from './reporting.options';
import { ImpactController } from './impact/impact.controller';
import { SettingsController } from './settings/settings.controller';
import { AggregatesRepository } from './projections/aggregates.repository';
import { MemberKeys } from './projections/member-key.util';
import { ProjectionConsumers } from './projections/projection-consumers';
import { ErasureLinksService } from './projections/erasure-links.service';
import { FiguresRepository } from './impact/figures.repository';
import { PreparedFigures } from './impact/prepared-figures';
import { ImpactReportService } from './impact/impact-report.service';
import { ReleaseService } from './impact/release.service';
import { ReportingSettingsService } from './settings/reporting-settings.service';

/** The reporting service: projections of domain events, and disclosure-controlled impact reports. */
@Module({})
export class ReportingModule {
  static register(options: ReportingOptions): DynamicModule {
    return {
      module: ReportingModule,
      controllers: [ImpactController, SettingsController],
      providers: [
        { provide: REPORTING_OPTIONS, useValue: options },
        { provide: MemberKeys, useFactory: () => new MemberKeys(options.memberKeySecret) },
        ...serviceDataProviders(ReportingDatabase, REPORTING_SCHEMA, {
          url: options.databaseUrl,
          poolMax: options.databasePoolMax,
        }),
        AggregatesRepository,
        ProjectionConsumers,
        ErasureLinksService,
        FiguresRepository,
        PreparedFigures,
        ImpactReportService,
        ReleaseService,
        ReportingSettingsService,
      ],
      exports: [ReportingDatabase, ReleaseService, ErasureLinksService],
    };
  }
}
