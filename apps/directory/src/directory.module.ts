import { Module, type DynamicModule } from '@nestjs/common';
import { serviceDataProviders } from '@hearth/messaging';
import { DIRECTORY_SCHEMA, DirectoryDatabase } from './directory-database';
import { DIRECTORY_OPTIONS, type DirectoryOptions } from './directory.options';

/**
 * The directory service. Each feature (a folder under src/ with its controller, service, repository and views) adds its
 * controller to `controllers` and its providers to `providers`.
 */
@Module({})
export class DirectoryModule {
  static register(options: DirectoryOptions): DynamicModule {
    return {
      module: DirectoryModule,
      controllers: [],
      providers: [
        { provide: DIRECTORY_OPTIONS, useValue: options },
        ...serviceDataProviders(DirectoryDatabase, DIRECTORY_SCHEMA, {
          url: options.databaseUrl,
          poolMax: options.databasePoolMax,
        }),
      ],
      exports: [DirectoryDatabase],
    };
  }
}
