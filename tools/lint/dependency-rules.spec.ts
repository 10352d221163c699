import { join } from 'node:path';
import { ESLint } from 'eslint';

// The dependency rules of ADR 0021, run the way `npm run lint` runs them: the repo's own ESLint config, here on a
// small repo shape in ./fixtures (which the normal lint ignores) and, for the list of known cycles, on the repo.
const REPO = join(__dirname, '..', '..');
const FIXTURES = join(__dirname, 'fixtures');
const CONFIG = join(REPO, 'eslint.config.mjs');

const fixtures = new ESLint({ cwd: FIXTURES, overrideConfigFile: CONFIG, ignore: false });

/** The dependency-rule problems of one fixture file, as "line: message". */
async function problems(file: string): Promise<string[]> {
  const [result] = await fixtures.lintFiles([join(FIXTURES, file)]);
  expect(result.messages.filter((m) => !m.ruleId?.startsWith('hearth/'))).toEqual([]);
  return result.messages.map((m) => `${m.line}: ${m.message}`);
}

describe('dependency rules', () => {
  it('let only a service’s gate make a TenantId', async () => {
    const lint = async (file: string) =>
      (
        await fixtures.lintText(
          `import { asTenantId } from '@hearth/persistence';\nexport const t = asTenantId('x');\n`,
          {
            filePath: join(FIXTURES, file),
          },
        )
      )[0].messages.map((m) => `${m.ruleId}: ${m.message}`);
    expect(await lint('apps/alpha/src/internal/service.ts')).toEqual([
      expect.stringMatching(
        /^no-restricted-imports: 'asTenantId' import from '@hearth\/persistence' is restricted/,
      ),
    ]);
    expect(await lint('apps/beta/test/uses-cast.ts')).toHaveLength(1);
    expect(await lint('apps/alpha/src/alpha-access.ts')).toEqual([]);
  });

  it('fail an app that imports another app, even through its public entry', async () => {
    expect(await problems('apps/beta/src/imports-alpha.ts')).toEqual([
      expect.stringMatching(
        /^1: App 'beta' imports app 'alpha' \(\.\.\/\.\.\/alpha\/src\)\. Apps talk only through/,
      ),
    ]);
  });

  it('see an import() as well as an import statement', async () => {
    expect(await problems('apps/beta/src/imports-alpha-later.ts')).toEqual([
      expect.stringMatching(/^2: App 'beta' imports app 'alpha'/),
    ]);
  });

  it("let standalone import another app's index and module file", async () => {
    expect(await problems('apps/standalone/src/imports-entry.ts')).toEqual([]);
    expect(await problems('apps/standalone/src/imports-module.ts')).toEqual([]);
  });

  it("fail standalone reaching into another app's internal file", async () => {
    expect(await problems('apps/standalone/src/imports-internal.ts')).toEqual([
      "1: '../../alpha/src/internal/secret' reaches into app 'alpha'. Import apps/alpha/src/index.ts (or its alpha.module.ts) instead, and export what you need from there.",
    ]);
  });

  it("let a test import another app's public entry only", async () => {
    expect(await problems('apps/beta/test/imports-alpha-entry.ts')).toEqual([]);
    expect(await problems('apps/beta/test/imports-alpha-internal.ts')).toEqual([
      expect.stringMatching(/^1: '\.\.\/\.\.\/alpha\/src\/internal\/secret' reaches into app 'alpha'/),
    ]);
  });

  it('fail a library that imports an app', async () => {
    expect(await problems('libs/kit/src/imports-app.ts')).toEqual([
      "1: Library 'kit' imports app 'alpha' (../../../apps/alpha/src). Libraries never import apps.",
    ]);
  });

  it('fail contracts importing anything of ours: a @hearth library or a file outside libs/contracts', async () => {
    expect(await problems('libs/contracts/src/imports-platform.ts')).toEqual([
      "1: libs/contracts imports '@hearth/platform'. Contracts import nothing of ours: only packages and files inside libs/contracts.",
    ]);
    expect(await problems('libs/contracts/src/imports-kit.ts')).toEqual([
      expect.stringMatching(/^1: libs\/contracts imports '\.\.\/\.\.\/kit\/src\/kit'\./),
    ]);
    expect(await problems('libs/contracts/src/own-imports.ts')).toEqual([]);
  });

  it('fail both imports of a cycle between two feature folders, naming the files that close it', async () => {
    expect(await problems('apps/gamma/src/one/a.ts')).toEqual([
      "1: Feature folder 'one' imports 'two', which imports it back: one → two → one (two/b.ts → one/c.ts). Move what both need into one of them or into the app's root.",
    ]);
    expect(await problems('apps/gamma/src/two/b.ts')).toEqual([
      expect.stringMatching(
        /^1: Feature folder 'two' imports 'one', which imports it back: two → one → two \(one\/a\.ts → two\/b\.ts\)/,
      ),
    ]);
    expect(await problems('apps/gamma/src/one/c.ts')).toEqual([]);
  });
});

describe('the known feature-folder cycles', () => {
  it('are exactly the cycles the apps still have: a broken cycle leaves the list, a new one fails lint', async () => {
    const repo = new ESLint({ cwd: REPO, overrideConfigFile: CONFIG });
    const config = (await repo.calculateConfigForFile(join(REPO, 'apps/events/src/events.module.ts'))) as {
      rules: Record<string, [unknown, { known: string[] }]>;
    };
    const known = config.rules['hearth/no-feature-cycles'][1].known;
    const strict = new ESLint({
      cwd: REPO,
      overrideConfigFile: CONFIG,
      overrideConfig: { rules: { 'hearth/no-feature-cycles': ['error', { known: [] }] } },
      ruleFilter: ({ ruleId }) => ruleId === 'hearth/no-feature-cycles',
    });
    const found = new Set<string>();
    for (const result of await strict.lintFiles(['apps/*/src/**/*.ts']))
      for (const m of result.messages) {
        const app = /apps\/([^/]+)\/src\//.exec(result.filePath)![1];
        const [, from, to] = /^Feature folder '([^']+)' imports '([^']+)'/.exec(m.message)!;
        found.add(`${app}: ${from} -> ${to}`);
      }
    expect([...found].sort()).toEqual([...known].sort());
  });
});
