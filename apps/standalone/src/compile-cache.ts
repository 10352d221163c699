import { enableCompileCache } from 'node:module';
import { join, resolve } from 'node:path';

/**
 * Imported first by main: V8's compiled code of the ~2,300 modules standalone loads is kept in the data directory
 * (`<HEARTH_DATA_DIR>/cache/compile`), so a restart does not compile them again (ADR 0093). Node checks each entry
 * against its source and Node version; a `NODE_COMPILE_CACHE` set for the process wins (Node enabled it already) and
 * `NODE_DISABLE_COMPILE_CACHE=1` turns it off; a directory it cannot write only means no cache. Read before the
 * configuration is validated, which itself needs most of those modules loaded.
 */
enableCompileCache(join(resolve(process.env.HEARTH_DATA_DIR || './.hearth'), 'cache', 'compile'));
