// The public entry of this app (ADR 0021): what standalone, migrate, bench and tests of other apps may import.
// Everything else in this app is private to it; other apps talk to it only through @hearth/contracts subjects.
export type { WebOptions } from './web.options';
export { configureWebApp } from './web.app';
export { inProcessApi } from './api/in-process-api';
export { pageAnswer } from './http/plain-error-page';
export { WebErrorFilter } from './http/web-error.filter';
export { UNLOGGED_PAGES } from './http/unlogged-pages';
export { loadOrCreateSessionKey } from './session/session-key';
// Its variables, read by the test that keeps docs/configuration.md complete.
export { WebEnv } from './config/env.schema';
