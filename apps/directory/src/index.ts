// The public entry of this app (ADR 0021): what standalone, migrate, bench and tests of other apps may import.
// Everything else in this app is private to it; other apps talk to it only through @hearth/contracts subjects.
export { createDirectoryApp } from './directory.app';
export { DEFAULT_REVIEW_MONTHS, type DirectoryOptions } from './directory.options';
export { DEFAULT_FEED_CACHE_SIZE, FeedAnswers } from './oruk/feed-answers';
export { DEFAULT_REGION_CACHE_TTL_MS } from './oruk/region-slugs';
export { DIRECTORY_SCHEMA, DirectoryDatabase } from './directory-database';
// The esd lists' loader, run by migrate's `npm run directory:load-taxonomy`.
export { describeEsdLoad, loadEsdTaxonomy, type EsdLoadReport } from './taxonomy/esd-loader';
export { isEsdVocabulary, type EsdVocabulary } from './taxonomy/esd-file';
// The postcode list's loader, run by migrate's `npm run directory:load-postcodes` and the bench.
export { describePostcodeLoad, loadPostcodes, type PostcodeLoadReport } from './places/postcode-loader';
// Its variables, read by the test that keeps docs/configuration.md complete.
export { DirectoryEnv } from './config/env.schema';
// The feed's own parts, timed one at a time by bench/micro/directory-feed.ts (ADR 0046).
export { OrukService } from './oruk/oruk.service';
export { OrukRepository } from './oruk/oruk.repository';
export { PlacesFilter } from './oruk/places.filter';
export { RegionSlugs } from './oruk/region-slugs';
export { ServiceGraphRepository } from './hsds/service-graph.repository';
