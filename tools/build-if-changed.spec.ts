import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/*
 * scripts/build-if-changed.mjs, which `npm start` runs before starting: in a scratch project of its own whose
 * `npm run build` only counts how often it ran (and writes what a start needs of dist/), so the test is about
 * when it builds, not about the build.
 */
const SCRIPT = join(__dirname, '..', 'scripts', 'build-if-changed.mjs');

describe('npm start builds only when the sources changed', () => {
  let root: string;
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  const builds = () =>
    Number(existsSync(join(root, 'builds')) ? readFileSync(join(root, 'builds'), 'utf8') : 0);
  const run = (...args: string[]) => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('npm_') && !k.startsWith('JEST_')),
    );
    const res = spawnSync(process.execPath, ['scripts/build-if-changed.mjs', ...args], {
      cwd: root,
      encoding: 'utf8',
      env,
    });
    return { status: res.status, out: res.stdout + res.stderr };
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hearth-build-if-changed-'));
    mkdirSync(join(root, 'scripts'));
    copyFileSync(SCRIPT, join(root, 'scripts', 'build-if-changed.mjs'));
    write(
      'package.json',
      JSON.stringify({ name: 'scratch', private: true, scripts: { build: 'node build.cjs' } }, null, 2),
    );
    // Counts the builds, fails while FAIL exists, and writes what a start needs.
    write(
      'build.cjs',
      [
        "const fs = require('node:fs');",
        "const n = fs.existsSync('builds') ? Number(fs.readFileSync('builds', 'utf8')) : 0;",
        "fs.writeFileSync('builds', String(n + 1));",
        "if (fs.existsSync('FAIL')) process.exit(2);",
        "for (const f of ['dist/apps/standalone/src/main.js', 'dist/apps/web/public/hearth.css']) {",
        "  fs.mkdirSync(require('node:path').dirname(f), { recursive: true }); fs.writeFileSync(f, '');",
        '}',
      ].join('\n'),
    );
    write('apps/events/src/main.ts', 'export const a = 1;\n');
    write('apps/events/test/events.int-spec.ts', 'it("runs", () => undefined);\n');
    write('apps/web/views/home.njk', '<p>home</p>\n');
    write('libs/platform/src/index.ts', 'export const b = 2;\n');
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds the first time, then not again until an input changes', () => {
    expect(run()).toMatchObject({ status: 0, out: expect.stringContaining('building') });
    expect(builds()).toBe(1);
    const again = run();
    expect(again).toEqual({ status: 0, out: '' });
    expect(builds()).toBe(1);

    write('apps/events/src/main.ts', 'export const a = 2;\n');
    run();
    expect(builds()).toBe(2);
    write('apps/web/views/home.njk', '<p>home, changed</p>\n');
    run();
    expect(builds()).toBe(3);
    write('libs/platform/src/new-file.ts', 'export const c = 3;\n');
    run();
    expect(builds()).toBe(4);
    rmSync(join(root, 'libs/platform/src/new-file.ts'));
    run();
    expect(builds()).toBe(5);
    write('package.json', readFileSync(join(root, 'package.json'), 'utf8').replace('scratch', 'renamed'));
    run();
    expect(builds()).toBe(6);
  });

  it('does not build for a test, the generated stylesheet, or a file only touched', () => {
    run();
    write('apps/events/test/events.int-spec.ts', 'it("runs again", () => undefined);\n');
    write('apps/events/src/sessions.service.spec.ts', 'it("is a unit test", () => undefined);\n');
    write('apps/web/public/hearth.css', 'body{}');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'apps/events/src/main.ts'), later, later);
    run();
    expect(builds()).toBe(1);
  });

  it('builds again after a failed build, a build by hand (which forgets the stamp) or a missing output', () => {
    write('FAIL', '');
    expect(run().status).toBe(2);
    rmSync(join(root, 'FAIL'));
    expect(run().status).toBe(0);
    expect(builds()).toBe(2);

    expect(run('--forget')).toEqual({ status: 0, out: '' });
    run();
    expect(builds()).toBe(3);

    rmSync(join(root, 'dist/apps/standalone/src/main.js'));
    run();
    expect(builds()).toBe(4);
    run();
    expect(builds()).toBe(4);
  });
});
