// `npm start` (and the operator commands): runs `npm run build` only when its inputs changed since the last build
// that succeeded, so a second start takes seconds, not a build's half minute.
//
//   node scripts/build-if-changed.mjs            build unless dist/ was built from exactly these sources
//   node scripts/build-if-changed.mjs --forget   forget the last build (the first step of `npm run build`)
//
// The stamp, dist/.build-stamp, is a hash of every input (the sources in apps/, libs/ and bench/ but their tests,
// the web app's views, assets and styles, package.json, package-lock.json, the tsconfigs and this file), taken
// before the build ran and written only when it succeeded. `npm run build` forgets it before it starts, so a build
// by hand, of other sources or half done, is never taken for this one; a change to any input builds again.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(ROOT, 'dist', '.build-stamp');
const INPUT_DIRS = ['apps', 'libs', 'bench', 'tools/rehearsal'];
const INPUT_FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'scripts/build-if-changed.mjs',
];
/** What a start needs of dist/: without one of them the stamp is not believed. */
const OUTPUTS = ['dist/apps/standalone/src/main.js', 'dist/apps/web/public/hearth.css'];
const TEST_FILE = /\.(spec|int-spec|e2e-spec|smoke-spec|browser-spec|heavy-spec)\.ts$/;

/** Not inputs of the build: tests, what the build or the tests write, and dependencies. */
function skipped(path) {
  const parts = path.split('/');
  return (
    parts.includes('node_modules') ||
    (parts[0] === 'apps' && parts[2] === 'test') ||
    path.startsWith('libs/testing/') ||
    path.startsWith('apps/web/public/') ||
    TEST_FILE.test(path)
  );
}

function inputs() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (skipped(`${path}${entry.isDirectory() ? '/' : ''}`)) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  for (const dir of INPUT_DIRS) if (existsSync(join(ROOT, dir))) walk(dir);
  return [...files, ...INPUT_FILES.filter((f) => existsSync(join(ROOT, f)))].sort();
}

/** One hash of every input's path and content. */
export function sourceHash() {
  const hash = createHash('sha256');
  for (const file of inputs()) {
    hash.update(`${file}\0`);
    hash.update(
      createHash('sha256')
        .update(readFileSync(join(ROOT, file)))
        .digest(),
    );
  }
  return hash.digest('hex');
}

const readStamp = () => (existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : undefined);
const built = () => OUTPUTS.every((f) => existsSync(join(ROOT, f)));

function main(args) {
  if (args.includes('--forget')) {
    rmSync(STAMP, { force: true });
    return 0;
  }
  const hash = sourceHash();
  if (readStamp() === hash && built()) return 0;
  process.stdout.write(`[hearth] building (the sources changed since the last build, or there was none) …\n`);
  const npm = process.env.npm_execpath;
  const res = npm
    ? spawnSync(process.execPath, [npm, 'run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' })
    : spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) return res.status ?? 1;
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, `${hash}\n`);
  return 0;
}

if (
  relative(fileURLToPath(import.meta.url), process.argv[1] ?? '')
    .split(sep)
    .join('/') === ''
)
  process.exitCode = main(process.argv.slice(2));
