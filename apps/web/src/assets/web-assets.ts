import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Where the web app's files are: `apps/web` when running from source (tests), `dist/apps/web` when running
 * the build (the build copies views, assets and styles there and compiles the stylesheet into `public/`).
 */
export function webRoot(): string {
  return resolve(__dirname, '../..');
}

export const govukFrontendDir = (): string =>
  join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

export interface WebPaths {
  views: string;
  /** Hand-written static files (script, icon). */
  assets: string;
  /** Generated files (the compiled stylesheet). */
  public: string;
  styles: string;
  stylesheet: string;
}

export function webPaths(root = webRoot()): WebPaths {
  return {
    views: join(root, 'views'),
    assets: join(root, 'assets'),
    public: join(root, 'public'),
    styles: join(root, 'styles'),
    stylesheet: join(root, 'public', 'hearth.css'),
  };
}

const newestMtime = (dir: string): number =>
  Math.max(0, ...readdirSync(dir).map((name) => statSync(join(dir, name)).mtimeMs));

/**
 * Compiles govuk-frontend's Sass with Hearth's settings (system fonts, Hearth's colours) into
 * `public/hearth.css`. Written to a temporary file and renamed, so two processes starting at once (parallel
 * test files) never serve a half-written stylesheet.
 */
export function compileStylesheet(paths: WebPaths = webPaths()): void {
  // Loaded only here: the build compiles the stylesheet, so production never needs the compiler.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sass = require('sass') as typeof import('sass');
  const result = sass.compile(join(paths.styles, 'hearth.scss'), {
    loadPaths: [resolve(dirname(require.resolve('govuk-frontend/package.json')), '..')],
    style: 'compressed',
    quietDeps: true,
  });
  mkdirSync(paths.public, { recursive: true });
  const tmp = `${paths.stylesheet}.${process.pid}.tmp`;
  writeFileSync(tmp, result.css);
  renameSync(tmp, paths.stylesheet);
}

/**
 * Compiles the stylesheet when it is missing or older than its Sass (a fresh clone, an edited style). A
 * built image has it already and may have neither the compiler nor a writable directory: there a stylesheet
 * that merely looks older (copied files' times) is kept.
 */
export function ensureStylesheet(paths: WebPaths = webPaths()): void {
  const exists = existsSync(paths.stylesheet);
  if (exists && statSync(paths.stylesheet).mtimeMs >= newestMtime(paths.styles)) return;
  try {
    compileStylesheet(paths);
  } catch (err) {
    if (!exists) throw err;
    process.stderr.write(
      `web: kept ${paths.stylesheet}; it could not be rebuilt: ${(err as Error).message}\n`,
    );
  }
}

/** The build step: copy views, assets and styles next to the compiled code and compile the stylesheet there. */
export function buildWebAssets(sourceRoot: string, targetRoot: string): WebPaths {
  for (const dir of ['views', 'assets', 'styles']) {
    rmSync(join(targetRoot, dir), { recursive: true, force: true });
    cpSync(join(sourceRoot, dir), join(targetRoot, dir), { recursive: true });
  }
  const paths = webPaths(targetRoot);
  compileStylesheet(paths);
  return paths;
}
