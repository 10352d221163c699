import { Module, type DynamicModule } from '@nestjs/common';
import { TenantsClient } from '@hearth/contracts';
import { clientProvider, serviceDataProviders } from '@hearth/messaging';
import { DIRECTORY_SCHEMA, DirectoryDatabase } from './directory-database';
import { DIRECTORY_OPTIONS, type DirectoryOptions } from './directory.options';
import { ServiceGraphRepository } from './hsds/service-graph.repository';
import { LeroListingConsumers } from './lero-listings/lero-listings.consumer';
import { ListingsController } from './listings/listings.controller';
import { ListingsRepository } from './listings/listings.repository';
import { ListingsService } from './listings/listings.service';
import { OrukController } from './oruk/oruk.controller';
import { OrukRepository } from './oruk/oruk.repository';
import { OrukService } from './oruk/oruk.service';
import { TermMappingsController } from './taxonomy/term-mappings.controller';
import { TermMappingsRepository } from './taxonomy/term-mappings.repository';
import { TermMappingsService } from './taxonomy/term-mappings.service';
import { CurationController } from './curation/curation.controller';
import { CurationRepository } from './curation/curation.repository';
import { CurationService } from './curation/curation.service';
import { SuggestionsController } from './suggestions/suggestions.controller';
import { SuggestionsRepository } from './suggestions/suggestions.repository';
import { SuggestionsService } from './suggestions/suggestions.service';
import { SuggestionReviewService } from './suggestions/suggestion-review.service';
import { ImportApproval } from './suggestions/import-approval';
import { SignpostsController } from './signposts/signposts.controller';
import { SignpostsRepository } from './signposts/signposts.repository';
import { SignpostsService } from './signposts/signposts.service';
import { PlacesFilter } from './oruk/places.filter';
import { DEFAULT_FEED_CACHE_SIZE, FeedAnswers } from './oruk/feed-answers';
import { DEFAULT_REGION_CACHE_TTL_MS, RegionSlugs } from './oruk/region-slugs';
import { ImportsController } from './imports/imports.controller';
import { ImportsRepository } from './imports/imports.repository';
import { ImportsService } from './imports/imports.service';
import { ImportRunner } from './imports/import-runner';
import { ImportWriter } from './imports/import-writer';
import { ImportSuggestionsWriter } from './imports/import-suggestions.writer';
import { ExportsController } from './exports/exports.controller';
import { ExportsRepository } from './exports/exports.repository';
import { ExportsService } from './exports/exports.service';

/**
 * The directory service. Each feature (a folder under src/ with its controller, service, repository and views) adds its
 * controller to `controllers` and its providers to `providers`.
 */
@Module({})
export class DirectoryModule {
  static register(options: DirectoryOptions): DynamicModule {
    return {
      module: DirectoryModule,
      controllers: [
        ListingsController,
        OrukController,
        CurationController,
        SuggestionsController,
        SignpostsController,
        ImportsController,
        ExportsController,
        TermMappingsController,
      ],
      providers: [
        { provide: DIRECTORY_OPTIONS, useValue: options },
        ...serviceDataProviders(DirectoryDatabase, DIRECTORY_SCHEMA, {
          url: options.databaseUrl,
          poolMax: options.databasePoolMax,
        }),
        clientProvider(TenantsClient),
        ServiceGraphRepository,
        ListingsRepository,
        ListingsService,
        OrukRepository,
        OrukService,
        TermMappingsRepository,
        TermMappingsService,
        {
          provide: RegionSlugs,
          useFactory: (tenants: TenantsClient) =>
            new RegionSlugs(
              (ctx, slug) => tenants.regionBySlug(ctx, slug),
              options.regionCacheTtlMs ?? DEFAULT_REGION_CACHE_TTL_MS,
            ),
          inject: [TenantsClient],
        },
        {
          provide: FeedAnswers,
          useFactory: (feed: OrukRepository) =>
            new FeedAnswers(
              (regionId) => feed.versionOf(regionId),
              options.feedCacheSize ?? DEFAULT_FEED_CACHE_SIZE,
            ),
          inject: [OrukRepository],
        },
        CurationRepository,
        CurationService,
        SuggestionsRepository,
        SuggestionsService,
        SuggestionReviewService,
        ImportApproval,
        SignpostsRepository,
        SignpostsService,
        PlacesFilter,
        ImportsRepository,
        ImportWriter,
        ImportSuggestionsWriter,
        ImportRunner,
        ImportsService,
        ExportsRepository,
        ExportsService,
        LeroListingConsumers,
      ],
      exports: [DirectoryDatabase],
    };
  }
}
