import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { ResolveFnOutput, ResolveHookContext } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installFingerprint, ResolveCache } from './resolve-cache';

const REQUIRE: ResolveHookContext = { conditions: ['require', 'node'], importAttributes: {}, parentURL: '' };

describe("the data directory's cache of module resolutions", () => {
  let root: string;
  let app: string;
  let data: string;
  let parent: string;
  let answers: Record<string, string>;
  let asked: string[];
  const next = (specifier: string): ResolveFnOutput => {
    asked.push(specifier);
    const url = answers[specifier];
    if (!url) throw new Error(`Cannot find module '${specifier}'`);
    // as Node's: a require of a file gets no format (its extension decides), an import's gets one
    return { url, format: url.startsWith('node:') ? 'builtin' : url.endsWith('.mjs') ? 'module' : undefined };
  };
  const context = (over: Partial<ResolveHookContext> = {}) => ({ ...REQUIRE, parentURL: parent, ...over });
  const resolveAll = (cache: ResolveCache, specifiers: string[]) =>
    specifiers.map((s) => cache.resolve(s, context(), next).url);

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'hearth-resolve-'));
    app = join(root, 'app');
    data = join(root, 'data');
    await mkdir(join(app, 'dist', 'apps'), { recursive: true });
    await mkdir(join(app, 'node_modules', 'pg', 'lib'), { recursive: true });
    await writeFile(join(app, 'dist', '.tsbuildinfo.build'), '{"build":1}');
    await writeFile(join(app, 'node_modules', '.package-lock.json'), '{"packages":{"pg":"8.1"}}');
    parent = pathToFileURL(join(app, 'dist', 'apps', 'main.js')).href;
    answers = {
      './start': pathToFileURL(join(app, 'dist', 'apps', 'start.js')).href,
      pg: pathToFileURL(join(app, 'node_modules', 'pg', 'lib', 'index.js')).href,
      './codes.json': pathToFileURL(join(app, 'node_modules', 'pg', 'codes.json')).href,
      fs: 'node:fs',
      elsewhere: pathToFileURL(join(root, 'elsewhere', 'index.js')).href,
    };
    asked = [];
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  /** A first start of this installation: everything resolved by Node, then kept. */
  async function firstStart(): Promise<void> {
    const cache = ResolveCache.open(data, app)!;
    expect(resolveAll(cache, ['./start', 'pg'])).toEqual([answers['./start'], answers.pg]);
    expect(cache.save()).toBe(true);
    asked = [];
  }

  it("answers a later start from the first one's resolutions, without resolving again", async () => {
    await firstStart();
    const again = ResolveCache.open(data, app)!;
    expect(again.size).toBe(2);
    expect(resolveAll(again, ['./start', 'pg'])).toEqual([answers['./start'], answers.pg]);
    expect(asked).toEqual([]);
    expect(again.save()).toBe(false); // nothing new: not written again
  });

  it("gives a kept require's answer without a format, as Node gave it (a .json file is then read as JSON)", async () => {
    const cache = ResolveCache.open(data, app)!;
    cache.resolve('./codes.json', context(), next);
    cache.save();
    const hit = ResolveCache.open(data, app)!.resolve('./codes.json', context(), next);
    expect(hit).toEqual({ url: answers['./codes.json'], format: undefined, shortCircuit: true });
    expect(asked).toEqual(['./codes.json']);
  });

  it('keeps a require and an import of the same specifier apart', async () => {
    await firstStart();
    const again = ResolveCache.open(data, app)!;
    answers.pg = pathToFileURL(join(app, 'node_modules', 'pg', 'esm', 'index.mjs')).href;
    const imported = again.resolve('pg', context({ conditions: ['import', 'node'] }), next);
    expect(imported).toEqual({ url: answers.pg, format: 'module' });
    expect(asked).toEqual(['pg']);
  });

  it.each([
    ['a new build', join('dist', '.tsbuildinfo.build'), '{"build":2}'],
    ['other dependencies installed', join('node_modules', '.package-lock.json'), '{"packages":{"pg":"8.2"}}'],
  ])('is not used after %s', async (_, file, content) => {
    await firstStart();
    await writeFile(join(app, file), content);
    answers.pg = pathToFileURL(join(app, 'node_modules', 'pg', 'dist', 'index.js')).href;
    const after = ResolveCache.open(data, app)!;
    expect(after.size).toBe(0);
    expect(resolveAll(after, ['pg'])).toEqual([answers.pg]);
    expect(asked).toEqual(['pg']);
    // and what it resolved then replaces the old file
    expect(after.save()).toBe(true);
    expect(ResolveCache.open(data, app)!.resolve('pg', context(), next).url).toBe(answers.pg);
  });

  it('is not kept at all for an installation without build info', async () => {
    await rm(join(app, 'dist', '.tsbuildinfo.build'));
    expect(installFingerprint(app)).toBeUndefined();
    expect(ResolveCache.open(data, app)).toBeUndefined();
  });

  it('keeps neither builtins, nor files outside the build and its dependencies, nor failures', async () => {
    const cache = ResolveCache.open(data, app)!;
    expect(cache.resolve('fs', context(), next).url).toBe('node:fs');
    expect(cache.resolve('elsewhere', context(), next).url).toBe(answers.elsewhere);
    expect(() => cache.resolve('missing', context(), next)).toThrow(/Cannot find module/);
    expect(cache.size).toBe(0);
    expect(cache.save()).toBe(false);
  });

  it('does not use a kept answer that points outside the installation (a file written by hand)', async () => {
    await firstStart();
    const file = join(data, 'cache', 'resolve', 'resolutions.json');
    const kept = JSON.parse(await readFile(file, 'utf8')) as {
      entries: Record<string, Record<string, string[]>>;
    };
    for (const key of Object.keys(kept.entries[parent])) kept.entries[parent][key][0] = answers.elsewhere;
    await writeFile(file, JSON.stringify(kept));
    const again = ResolveCache.open(data, app)!;
    expect(resolveAll(again, ['./start', 'pg'])).toEqual([answers['./start'], answers.pg]);
    expect(asked).toEqual(['./start', 'pg']);
  });

  it.each([
    ['not JSON', '{"fingerprint":'],
    ['of another shape', '{"entries":[1,2]}'],
    ['with malformed entries', `{"fingerprint":"FP","entries":{"file:///x":{"pg":[1]}}}`],
  ])('means no cache, not a failed start, when its file is %s', async (_, content) => {
    await mkdir(join(data, 'cache', 'resolve'), { recursive: true });
    const fingerprint = installFingerprint(app)!;
    await writeFile(join(data, 'cache', 'resolve', 'resolutions.json'), content.replace('FP', fingerprint));
    const cache = ResolveCache.open(data, app)!;
    expect(cache.size).toBe(0);
    expect(resolveAll(cache, ['pg'])).toEqual([answers.pg]);
    expect(cache.save()).toBe(true);
  });

  it('is only not kept when its directory cannot be written', async () => {
    await mkdir(join(data, 'cache'), { recursive: true });
    await writeFile(join(data, 'cache', 'resolve'), 'a file where the directory would be');
    const cache = ResolveCache.open(data, app)!;
    expect(resolveAll(cache, ['./start'])).toEqual([answers['./start']]);
    expect(cache.save()).toBe(false);
  });
});
