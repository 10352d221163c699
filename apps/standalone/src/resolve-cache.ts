import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { registerHooks, type ModuleHooks, type ResolveHookContext, type ResolveFnOutput } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Next = (specifier: string, context?: Partial<ResolveHookContext>) => ResolveFnOutput;
/** Per requiring module: `<specifier>\0<conditions>\0<import type>` → [url, format]. */
type Entries = Record<string, Record<string, [string, string | null]>>;

const FILE = 'resolutions.json';

/**
 * What identifies this installation's module graph: Node (its version and binary), the build (`tsc`'s build info,
 * rewritten by every build, its content naming every source's hash) and the dependencies installed
 * (`node_modules/.package-lock.json`, rewritten by every `npm install`/`npm ci`). Undefined, so no cache, when
 * either file cannot be read.
 */
export function installFingerprint(appRoot: string): string | undefined {
  try {
    const hash = createHash('sha256');
    hash.update(
      `${process.version}\0${process.execPath}\0${process.platform}\0${process.arch}\0${appRoot}\0`,
    );
    hash.update(readFileSync(join(appRoot, 'dist', '.tsbuildinfo.build')));
    hash.update('\0');
    hash.update(readFileSync(join(appRoot, 'node_modules', '.package-lock.json')));
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}

/** The `file:` URL prefixes a cached resolution may point into: this installation's build and dependencies. */
function codeRoots(appRoot: string): string[] {
  const roots: string[] = [];
  for (const dir of ['dist', 'node_modules']) {
    try {
      roots.push(`${pathToFileURL(realpathSync(join(appRoot, dir))).href}/`);
    } catch {
      // absent: nothing cached may point there
    }
  }
  return roots;
}

/**
 * Where each module's `require`/`import` specifiers resolved at the last start of this installation, kept in the
 * data directory (`<HEARTH_DATA_DIR>/cache/resolve`) like the compile cache (ADR 0097). Resolving is most of
 * what loading Hearth's ~2,300 modules costs after the compile cache: each specifier is looked for on disk
 * (`node_modules` directories walked up, `package.json` exports read, real paths taken), and a start finds the same
 * answers every time until the build, the dependencies or Node change, which the fingerprint names: another
 * fingerprint, and the file is not used. A cached answer is used only when it points into this installation's
 * `dist` or `node_modules`; builtins and failed resolutions are never kept. A file it cannot read or parse means
 * no cache; one it cannot write means it is not kept.
 */
export class ResolveCache {
  private added = false;
  private hooks?: ModuleHooks;

  private constructor(
    private readonly dir: string,
    private readonly fingerprint: string,
    private readonly roots: string[],
    private readonly entries: Entries,
  ) {}

  /** The cache of `dataDir` for the installation at `appRoot`; undefined when the installation has no fingerprint. */
  static open(
    dataDir: string,
    appRoot: string,
    fingerprint = installFingerprint(appRoot),
  ): ResolveCache | undefined {
    if (!fingerprint) return undefined;
    const dir = join(dataDir, 'cache', 'resolve');
    return new ResolveCache(dir, fingerprint, codeRoots(appRoot), readEntries(join(dir, FILE), fingerprint));
  }

  /** How many resolutions it holds. */
  get size(): number {
    let n = 0;
    for (const parent of Object.values(this.entries)) n += Object.keys(parent).length;
    return n;
  }

  /** A resolve hook (`module.registerHooks`): the kept answer, else Node's, kept when it is a file of this install. */
  resolve(specifier: string, context: ResolveHookContext, next: Next): ResolveFnOutput {
    const parent = context.parentURL;
    if (!parent || specifier.startsWith('node:')) return next(specifier, context);
    const key = `${specifier}\0${context.conditions.join(',')}\0${context.importAttributes?.type ?? ''}`;
    const hit = this.entries[parent]?.[key];
    // No format is undefined, not null: a require given `format: null` compiles even a .json file as JavaScript.
    if (hit && this.inside(hit[0])) return { url: hit[0], format: hit[1] ?? undefined, shortCircuit: true };
    const resolved = next(specifier, context);
    if (this.inside(resolved.url)) {
      (this.entries[parent] ??= {})[key] = [resolved.url, resolved.format ?? null];
      this.added = true;
    }
    return resolved;
  }

  /** Every later `require` and `import` of this process resolves through it, until `deregister`. */
  register(): void {
    this.hooks ??= registerHooks({
      resolve: (specifier, context, next) => this.resolve(specifier, context, next),
    });
  }

  /**
   * Node resolves again by itself: main's once started, so what loads at first use (pdfkit, exceljs) is never
   * answered from the file. A hook cannot tell `require.resolve(x, { paths })` from `require(x)` in one module;
   * none of the modules a start loads calls it with `paths` (ADR 0097).
   */
  deregister(): void {
    this.hooks?.deregister();
    this.hooks = undefined;
  }

  /** Writes what this start added (once loaded, the next start finds it); nothing when nothing was added. */
  save(): boolean {
    if (!this.added) return false;
    try {
      mkdirSync(this.dir, { recursive: true });
      const file = join(this.dir, FILE);
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, JSON.stringify({ fingerprint: this.fingerprint, entries: this.entries }));
      renameSync(partial, file);
      this.added = false;
      return true;
    } catch {
      return false;
    }
  }

  private inside(url: string): boolean {
    return this.roots.some((root) => url.startsWith(root));
  }
}

/** The kept resolutions when the file is this installation's and well formed; none otherwise. */
function readEntries(file: string, fingerprint: string): Entries {
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { fingerprint?: unknown; entries?: unknown };
    if (kept.fingerprint !== fingerprint || !wellFormed(kept.entries)) return {};
    return kept.entries;
  } catch {
    return {};
  }
}

function wellFormed(entries: unknown): entries is Entries {
  if (typeof entries !== 'object' || entries === null) return false;
  for (const parent of Object.values(entries as Record<string, unknown>)) {
    if (typeof parent !== 'object' || parent === null) return false;
    for (const hit of Object.values(parent as Record<string, unknown>)) {
      if (
        !Array.isArray(hit) ||
        typeof hit[0] !== 'string' ||
        !(typeof hit[1] === 'string' || hit[1] === null)
      )
        return false;
    }
  }
  return true;
}
