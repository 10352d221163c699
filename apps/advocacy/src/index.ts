// The public entry of this app (ADR 0021): what standalone, migrate, bench and tests of other apps may import.
// Everything else in this app is private to it; other apps talk to it only through @hearth/contracts subjects.
export { createAdvocacyApp } from './advocacy.app';
export { loadOrCreateRespondentKey, type AdvocacyOptions } from './advocacy.options';
export { ADVOCACY_SCHEMA, AdvocacyDatabase } from './advocacy-database';
export { AdvocacyEnv } from './config/env.schema';
export { solveChallenge } from './consultations/proof-of-work';
