import { resolve } from 'node:path';
import { buildWebAssets, webRoot } from './web-assets';

// `npm run build:web-assets`, after tsc: run from dist/apps/web/src/assets, the sources are apps/web.
const target = webRoot();
const source = resolve(target, '../../../apps/web');
const paths = buildWebAssets(source, target);
process.stdout.write(`web assets: ${paths.stylesheet}\n`);
