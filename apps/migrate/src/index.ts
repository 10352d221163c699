// The public entry of this app (ADR 0021): what standalone, migrate, bench and tests of other apps may import.
// Everything else in this app is private to it; other apps talk to it only through @hearth/contracts subjects.
export { SERVICE_SCHEMAS } from './service-schemas';
export { runDeadLetters } from './dead-letters.command';
export { runLoadTaxonomy } from './load-taxonomy.command';
export { runLoadPostcodes } from './load-postcodes.command';
export { provisionNatsFromEnv } from './provision-nats';
