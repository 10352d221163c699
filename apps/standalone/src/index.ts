// The public entry of this app (ADR 0021): what standalone, migrate, bench and tests of other apps may import.
// Everything else in this app is private to it; other apps talk to it only through @hearth/contracts subjects.
export { startStandalone, type RunningHearth } from './standalone';
export { StandaloneEnv } from './config/env.schema';
export { runningEmbeddedPostgres, startEmbeddedPostgres } from './embedded-database';
export { seedEmbeddedCluster } from './embedded-seed';
