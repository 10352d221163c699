import { enableCompileCache } from 'node:module';
import { join, resolve } from 'node:path';

/**
 * Imported first by main: V8's compiled code of the ~3,000 modules standalone loads is kept in the data directory
 * (`<HEARTH_DATA_DIR>/cache/compile`), so a restart does not compile them again (ADR 0093). Node checks each entry
 * against its source and Node version; `NODE_COMPILE_CACHE` names another directory, `NODE_DISABLE_COMPILE_CACHE=1`
 * turns it off, and a directory it cannot write only means no cache. Read before the configuration is validated,
 * which itself needs most of those modules loaded.
 */
enableCompileCache(
  process.env.NODE_COMPILE_CACHE ??
    join(resolve(process.env.HEARTH_DATA_DIR || './.hearth'), 'cache', 'compile'),
);
