import { Module, type DynamicModule } from '@nestjs/common';
import { TenantsClient } from '@hearth/contracts';
import { clientProvider, serviceDataProviders } from '@hearth/messaging';
import { ADVOCACY_SCHEMA, AdvocacyDatabase } from './advocacy-database';
import { ADVOCACY_OPTIONS, type AdvocacyOptions } from './advocacy.options';
import { ConsultationsController } from './consultations/consultations.controller';
import { ConsultationRoutes } from './consultations/consultation-routes.service';
import { ConsultationsService } from './consultations/consultations.service';
import { ConsultationsRepository } from './consultations/consultations.repository';
import { ResponsesService } from './consultations/responses.service';
import { AnswerBatch } from './consultations/answer-batch.service';
import { AsksController } from './asks/asks.controller';
import { AsksRepository } from './asks/asks.repository';
import { AsksService } from './asks/asks.service';
import { AskRoutes } from './asks/ask-routes.service';
import { PublicAsksService } from './asks/public-asks.service';
import { ClosingsRepository } from './consultations/closings.repository';
import { ClosingSweep } from './consultations/closing-sweep.service';
import { PublicResponsesService } from './consultations/public-responses.service';
import { PublicOutcomesService } from './consultations/public-outcomes.service';
import { TESTIMONY_CONTROLLERS, TESTIMONY_PROVIDERS } from './testimony/testimony.providers';
import { RepresentationController } from './representation/representation.controller';
import { RepresentationRepository } from './representation/representation.repository';
import { RepresentationRoutes } from './representation/representation-routes.service';
import { SeatsService } from './representation/seats.service';
import { MeetingsService } from './representation/meetings.service';
import { LeroExportController } from './lero-export/lero-export.controller';
import { LeroExportRepository } from './lero-export/lero-export.repository';

/**
 * The advocacy service. Each feature (a folder under src/ with its controller, service, repository and views) adds its
 * controller to `controllers` and its providers to `providers`.
 */
@Module({})
export class AdvocacyModule {
  static register(options: AdvocacyOptions): DynamicModule {
    return {
      module: AdvocacyModule,
      controllers: [
        ConsultationsController,
        AsksController,
        RepresentationController,
        LeroExportController,
        ...TESTIMONY_CONTROLLERS,
      ],
      providers: [
        { provide: ADVOCACY_OPTIONS, useValue: options },
        ConsultationRoutes,
        ConsultationsService,
        ConsultationsRepository,
        ResponsesService,
        AnswerBatch,
        AsksService,
        AskRoutes,
        AsksRepository,
        PublicAsksService,
        ClosingsRepository,
        ClosingSweep,
        PublicResponsesService,
        PublicOutcomesService,
        ...TESTIMONY_PROVIDERS,
        RepresentationRoutes,
        RepresentationRepository,
        SeatsService,
        MeetingsService,
        LeroExportRepository,
        clientProvider(TenantsClient),
        ...serviceDataProviders(AdvocacyDatabase, ADVOCACY_SCHEMA, {
          url: options.databaseUrl,
          poolMax: options.databasePoolMax,
        }),
      ],
      exports: [AdvocacyDatabase],
    };
  }
}
