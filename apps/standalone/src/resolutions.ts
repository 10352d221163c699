import { join, resolve } from 'node:path';
import { ResolveCache } from './resolve-cache';

/**
 * Imported by main right after the compile cache: where each module's imports resolved at the last start of this
 * installation (the directory above `dist`), kept in the data directory (ADR 0097). Off with the compile cache
 * (`NODE_DISABLE_COMPILE_CACHE=1`); main saves what a start added once it has started.
 */
export const resolutions = process.env.NODE_DISABLE_COMPILE_CACHE
  ? undefined
  : ResolveCache.open(
      resolve(process.env.HEARTH_DATA_DIR || './.hearth'),
      join(__dirname, '..', '..', '..', '..'),
    );
resolutions?.register();
