// The public entry of this app (ADR 0021): what standalone, migrate, bench and tests of other apps may import.
// Everything else in this app is private to it; other apps talk to it only through @hearth/contracts subjects.
export type { GatewayOptions } from './gateway.options';
export { configureHttpApp, createHttpAdapter, problemAnswer } from './http/http-app';
export { ProblemFilter } from './http/problem.filter';
export { UNLOGGED_REQUESTS } from './http/unlogged-requests';
export { impactReportCsv } from './reports/impact-csv.util';
export { WHO_MAY_CALL } from './http/api-doc';
// Its variables, read by the test that keeps docs/configuration.md complete.
export { GatewayEnv } from './config/env.schema';
export { TENANT_ACCESS_TTL_MS } from './http/tenant-access.guard';
