// The public entry of this app (ADR 0021): what standalone, migrate, bench and tests of other apps may import.
// Everything else in this app is private to it; other apps talk to it only through @hearth/contracts subjects.
export { createReportingApp } from './reporting.app';
export type { ReportingOptions } from './reporting.options';
export { REPORTING_SCHEMA, ReportingDatabase } from './reporting-database';
export { loadOrCreateMemberKeySecret } from './projections/member-key.util';
export { ReleaseService } from './impact/release.service';
// Its variables, read by the test that keeps docs/configuration.md complete.
export { ReportingEnv } from './config/env.schema';
