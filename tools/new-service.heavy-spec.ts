import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/*
 * `npm run new:service` end to end. Budget: 120 s (about 45 s on two busy cores), most of it the generator's own
 * build (`npm run nats-config`), the typecheck and the new service's tests.
 *
 * In a scratch worktree of HEAD plus this tree's uncommitted changes (so the generator is tested as it is here),
 * with node_modules linked: it refuses bad names without touching anything, generates `pantry`, and the copy then
 * typechecks, lints, has pantry in its build, and passes pantry's own tests (row-level security, its gate, a start
 * that migrates and answers /health/ready on a NATS of the test's own), the shape check and the checks of the
 * files the wiring touched (NATS permissions against deploy/nats, the event map, docker-compose.yml).
 */
const ROOT = join(__dirname, '..');
const SERVICE = 'pantry';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A command in the scratch copy (or elsewhere), without this jest's own variables. */
function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('JEST_')));
  const res = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...inherited, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

const lines = (text: string) => text.split('\n').filter(Boolean);
const git = (args: string[], cwd = ROOT) => {
  const res = run('git', args, cwd);
  if (res.status !== 0) throw new Error(`git ${args.join(' ')}: ${res.stderr}`);
  return res.stdout;
};

describe('npm run new:service', () => {
  jest.setTimeout(120_000);
  let base: string;
  let scratch: string;
  const generate = (...args: string[]) =>
    run('npm', ['run', '--silent', 'new:service', '--', ...args], scratch);

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'hearth-new-service-'));
    scratch = join(base, 'repo');
    git(['worktree', 'add', '--detach', scratch, 'HEAD']);
    // This tree's changes on top of HEAD: changed and new files copied, deleted ones deleted.
    const changed = [
      ...lines(git(['diff', '--name-only', 'HEAD'])),
      ...lines(git(['ls-files', '--others', '--exclude-standard'])),
    ];
    for (const file of changed) {
      if (existsSync(join(ROOT, file))) {
        mkdirSync(dirname(join(scratch, file)), { recursive: true });
        cpSync(join(ROOT, file), join(scratch, file));
      } else rmSync(join(scratch, file), { force: true });
    }
    symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(scratch, 'node_modules'));
  });

  afterAll(() => {
    if (scratch) run('git', ['worktree', 'remove', '--force', scratch], ROOT);
    git(['worktree', 'prune']);
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it('refuses a name that is not one lowercase word, or that is taken, and changes nothing', () => {
    const before = git(['status', '--porcelain'], scratch);
    for (const [name, why] of [
      ['Pantry', /not one lowercase word/],
      ['food-bank', /not one lowercase word/],
      ['reporting', /exists already/],
      ['gateway', /exists already|reserved/],
      ['evt', /reserved/],
      ['user', /reserved/],
      ['paging', /exists already/],
    ] as const) {
      const res = generate(name);
      expect({ name, status: res.status }).toEqual({ name, status: 1 });
      expect(res.stderr).toMatch(why);
    }
    expect(generate().status).toBe(2);
    expect(git(['status', '--porcelain'], scratch)).toBe(before);
  });

  let generated: Run;
  const wired = [
    'libs/contracts/src/index.ts',
    'libs/contracts/src/event-map.ts',
    'libs/contracts/src/permissions.ts',
    'apps/migrate/src/service-schemas.ts',
    'apps/standalone/src/standalone.app.ts',
    'apps/standalone/src/standalone.ts',
    'apps/gateway/test/hearth.harness.ts',
    'package.json',
    'nest-cli.json',
    'docker-compose.yml',
    '.env.example',
    'deploy/nats/accounts.conf',
  ];

  it('writes the service and wires it into every file it can, then says what is left', () => {
    generated = generate(SERVICE);
    expect(generated.stderr).not.toMatch(/error/i);
    expect(generated.status).toBe(0);
    const [, wiredPart = '', todoPart = ''] =
      /Wired it into:\n([\s\S]*?)\n\nStill to do[^\n]*\n([\s\S]*)$/.exec(generated.stdout) ?? [];
    expect(lines(wiredPart).map((l) => l.replace(/^\s*- /, ''))).toEqual(wired);
    expect(todoPart).toContain('gateway:');
    // Every file it says it changed is changed, and nothing else outside the new folders.
    const changed = lines(git(['status', '--porcelain', '--untracked-files=normal'], scratch)).map((l) =>
      l.slice(3),
    );
    expect(changed).toEqual(
      expect.arrayContaining([...wired, `apps/${SERVICE}/`, `libs/contracts/src/${SERVICE}/`]),
    );
    // It built on the way (npm run nats-config), the new service included.
    expect(existsSync(join(scratch, 'dist', 'apps', SERVICE, 'src', 'main.js'))).toBe(true);
    expect(generate(SERVICE).stderr).toMatch(/exists already/);
  });

  it('typechecks', () => {
    const res = run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], scratch);
    expect(res.stdout + res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('lints and is formatted, the new service and every file it patched', () => {
    const files = [
      `apps/${SERVICE}`,
      `libs/contracts/src/${SERVICE}`,
      ...wired.filter((f) => f.endsWith('.ts')),
    ];
    const eslint = run('npx', ['eslint', '--max-warnings=0', ...files], scratch);
    expect(eslint.stdout + eslint.stderr).toBe('');
    const prettier = run(
      'npx',
      ['prettier', '--check', ...files, 'package.json', 'nest-cli.json', 'docker-compose.yml'],
      scratch,
    );
    expect(prettier.stderr).toBe('');
    expect(prettier.status).toBe(0);
  });

  it('passes its own tests, the shape check and the checks of what it wired', () => {
    const res = run(
      'npx',
      [
        'jest',
        '--testPathPatterns',
        `apps/${SERVICE}/|tools/(service-shape|compose)\\.spec|libs/messaging/src/nats-permissions\\.spec|libs/contracts/src/(event-map|permissions)\\.spec`,
        '--selectProjects',
        'default',
        '--json',
      ],
      scratch,
      { NODE_OPTIONS: '--experimental-vm-modules --disable-warning=ExperimentalWarning' },
    );
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.stdout);
    } catch {
      throw new Error(
        `jest in the scratch copy gave no report (exit ${res.status}):\n${res.stderr.slice(-4000)}`,
      );
    }
    const report = parsed as {
      numFailedTests: number;
      numPassedTests: number;
      testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[];
    };
    const passed = report.testResults.flatMap((r) =>
      r.assertionResults.filter((a) => a.status === 'passed').map((a) => a.fullName),
    );
    expect(report.numFailedTests).toBe(0);
    expect(res.status).toBe(0);
    expect(report.testResults.map((r) => r.name.slice(scratch.length + 1)).sort()).toEqual([
      `apps/${SERVICE}/src/${SERVICE}-access.spec.ts`,
      `apps/${SERVICE}/test/${SERVICE}.int-spec.ts`,
      `apps/${SERVICE}/test/row-level-security.int-spec.ts`,
      'libs/contracts/src/event-map.spec.ts',
      'libs/contracts/src/permissions.spec.ts',
      'libs/messaging/src/nats-permissions.spec.ts',
      'tools/compose.spec.ts',
      'tools/service-shape.spec.ts',
    ]);
    expect(passed).toEqual(
      expect.arrayContaining([
        `every service has the shape of docs/adding-a-service.md ${SERVICE} has every file and folder of the skeleton`,
        `the ${SERVICE} service is ready: its database as its own role, and NATS as its own user`,
        `row-level security on the ${SERVICE} schema returns nothing of ${SERVICE}.examples when no LERO is set`,
      ]),
    );
  });
});
