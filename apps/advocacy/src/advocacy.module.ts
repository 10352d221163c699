import { Module, type DynamicModule } from '@nestjs/common';
import { serviceDataProviders } from '@hearth/messaging';
import { ADVOCACY_SCHEMA, AdvocacyDatabase } from './advocacy-database';
import { ADVOCACY_OPTIONS, type AdvocacyOptions } from './advocacy.options';

/**
 * The advocacy service. Each feature (a folder under src/ with its controller, service, repository and views) adds its
 * controller to `controllers` and its providers to `providers`.
 */
@Module({})
export class AdvocacyModule {
  static register(options: AdvocacyOptions): DynamicModule {
    return {
      module: AdvocacyModule,
      controllers: [],
      providers: [
        { provide: ADVOCACY_OPTIONS, useValue: options },
        ...serviceDataProviders(AdvocacyDatabase, ADVOCACY_SCHEMA, {
          url: options.databaseUrl,
          poolMax: options.databasePoolMax,
        }),
      ],
      exports: [AdvocacyDatabase],
    };
  }
}
