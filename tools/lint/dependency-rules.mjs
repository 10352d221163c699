// Hearth's dependency rules as a local ESLint plugin (ADR 0021): which part of the repo may import which.
// `boundaries`: an app imports no other app, except the composers (standalone, migrate, bench) and tests, which
// import another app only through its public entry (src/index.ts or src/<app>.module.ts); a library never imports
// an app; libs/contracts imports nothing of ours. `no-feature-cycles`: no import cycle between the feature folders
// (the folders directly under apps/<app>/src) of one app.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const TEST_FILE = /\.(spec|int-spec|e2e-spec|smoke-spec|browser-spec|heavy-spec)\.ts$/;
const JEST_MODULE_CALLS = new Set([
  'mock',
  'doMock',
  'unmock',
  'requireActual',
  'requireMock',
  'unstable_mockModule',
]);

/** Calls `visit(node, specifier)` for every module an ES import, export-from, import(), require() or jest.mock names. */
function moduleReferences(visit) {
  const literal = (node, value) => typeof value === 'string' && visit(node, value);
  const firstArgument = (call) =>
    call.arguments[0]?.type === 'Literal' && literal(call.arguments[0], call.arguments[0].value);
  return {
    ImportDeclaration: (n) => literal(n.source, n.source.value),
    ExportAllDeclaration: (n) => literal(n.source, n.source.value),
    ExportNamedDeclaration: (n) => n.source && literal(n.source, n.source.value),
    ImportExpression: (n) => n.source.type === 'Literal' && literal(n.source, n.source.value),
    TSExternalModuleReference: (n) =>
      n.expression.type === 'Literal' && literal(n.expression, n.expression.value),
    TSImportType: (n) => {
      // typescript-eslint 8.x names it `source`; older versions `argument` (a literal type around the string).
      const arg = n.source ?? (n.argument?.type === 'TSLiteralType' ? n.argument.literal : n.argument);
      if (arg?.type === 'Literal') literal(arg, arg.value);
    },
    CallExpression: (n) => {
      const c = n.callee;
      if (c.type === 'Identifier' && c.name === 'require') firstArgument(n);
      else if (
        c.type === 'MemberExpression' &&
        c.object.type === 'Identifier' &&
        c.object.name === 'jest' &&
        c.property.type === 'Identifier' &&
        JEST_MODULE_CALLS.has(c.property.name)
      )
        firstArgument(n);
    },
  };
}

const posix = (p) => p.split(sep).join('/');

/** Where a specifier points, as a path relative to the repo root, or undefined for a package from node_modules. */
function target(root, file, specifier) {
  if (specifier.startsWith('.')) return posix(relative(root, resolve(dirname(file), specifier)));
  const alias = /^@hearth\/([a-z-]+)(\/.*)?$/.exec(specifier);
  return alias ? `libs/${alias[1]}/src${alias[2] ?? ''}` : undefined;
}

/** `{ kind: 'app' | 'lib' | 'bench', name, rest }` for a repo-relative path, or undefined elsewhere. */
function part(path) {
  const m = /^(apps|libs)\/([^/]+)(?:\/(.*))?$/.exec(path);
  if (m) return { kind: m[1] === 'apps' ? 'app' : 'lib', name: m[2], rest: m[3] ?? '' };
  return path === 'bench' || path.startsWith('bench/')
    ? { kind: 'bench', name: 'bench', rest: '' }
    : undefined;
}

/** The file being linted, the repo root (ESLint's working directory) and the part of the repo the file is in. */
function linted(context) {
  const root = context.cwd;
  const file = context.filename;
  return { root, file, where: part(posix(relative(root, file))) };
}

/** A rule's options: one object with one list of strings. */
const listOption = (name) => [
  {
    type: 'object',
    properties: { [name]: { type: 'array', items: { type: 'string' } } },
    additionalProperties: false,
  },
];

const isPublicEntry = (app, rest) =>
  ['src', 'src/index', `src/${app}.module`].includes(rest.replace(/\.(ts|js)$/, '').replace(/\/$/, ''));

const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Which part of the repo may import which (docs/adr/0021-dependency-rules.md).' },
    schema: listOption('composers'),
    messages: {
      crossApp:
        "App '{{from}}' imports app '{{to}}' ({{specifier}}). Apps talk only through @hearth/contracts subjects; only {{composers}} and tests may import another app, through its public entry.",
      notPublic:
        "'{{specifier}}' reaches into app '{{to}}'. Import apps/{{to}}/src/index.ts (or its {{to}}.module.ts) instead, and export what you need from there.",
      libImportsApp: "Library '{{from}}' imports app '{{to}}' ({{specifier}}). Libraries never import apps.",
      contractsImport:
        "libs/contracts imports '{{specifier}}'. Contracts import nothing of ours: only packages and files inside libs/contracts.",
    },
  },
  create(context) {
    const { root, file, where: from } = linted(context);
    if (!from) return {};
    const composers = context.options[0]?.composers ?? [];
    const isTest = TEST_FILE.test(file) || (from.kind === 'app' && from.rest.startsWith('test/'));
    return moduleReferences((node, specifier) => {
      const path = target(root, file, specifier);
      if (path === undefined) return;
      const to = part(path);
      const data = { specifier, from: from.name, to: to?.name, composers: composers.join(', ') };
      if (from.kind === 'lib' && from.name === 'contracts') {
        if (specifier.startsWith('@hearth/') || !(to?.kind === 'lib' && to.name === 'contracts'))
          context.report({ node, messageId: 'contractsImport', data });
        return;
      }
      if (to?.kind !== 'app') return;
      if (from.kind === 'lib') return context.report({ node, messageId: 'libImportsApp', data });
      if (from.kind === 'app' && from.name === to.name) return;
      const mayCompose = isTest || composers.includes(from.name);
      if (!mayCompose) return context.report({ node, messageId: 'crossApp', data });
      if (!isPublicEntry(to.name, to.rest)) context.report({ node, messageId: 'notPublic', data });
    });
  },
};

// The import graph between the feature folders of one app, read from disk (TypeScript's import scanner) and kept
// for a few seconds, so one lint run reads each app once.
const GRAPH_LIFETIME_MS = 5000;
const graphs = new Map();

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !TEST_FILE.test(e.name) ? [p] : [];
  });
}

function resolveRelative(file, specifier) {
  const base = resolve(dirname(file), specifier);
  return [`${base}.ts`, join(base, 'index.ts'), base].find((p) => existsSync(p) && statSync(p).isFile());
}

/** The feature folder of a file under `src`, or undefined for a file directly in `src` (the app's root). */
function featureOf(src, file) {
  const parts = posix(relative(src, file)).split('/');
  return parts.length > 1 && parts[0] !== '..' ? parts[0] : undefined;
}

/** Map: folder → Map(folder → example "file → file"). */
function featureGraph(src) {
  const cached = graphs.get(src);
  if (cached && Date.now() - cached.at < GRAPH_LIFETIME_MS) return cached.graph;
  const graph = new Map();
  for (const file of sourceFiles(src)) {
    const from = featureOf(src, file);
    if (!from) continue;
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const resolved = resolveRelative(file, fileName);
      const to = resolved && featureOf(src, resolved);
      if (!to || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from).has(to))
        graph.get(from).set(to, `${posix(relative(src, file))} → ${posix(relative(src, resolved))}`);
    }
  }
  graphs.set(src, { at: Date.now(), graph });
  return graph;
}

/** The shortest chain of folders from `start` to `goal`, or undefined. */
function chain(graph, start, goal) {
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const folder = queue.shift();
    if (folder === goal) {
      const path = [];
      for (let f = goal; f !== undefined; f = previous.get(f)) path.unshift(f);
      return path;
    }
    for (const next of graph.get(folder)?.keys() ?? [])
      if (!previous.has(next)) {
        previous.set(next, folder);
        queue.push(next);
      }
  }
  return undefined;
}

const noFeatureCycles = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'No import cycle between the feature folders of one app (docs/adr/0021-dependency-rules.md).',
    },
    schema: listOption('known'),
    messages: {
      cycle:
        "Feature folder '{{from}}' imports '{{to}}', which imports it back: {{cycle}} ({{via}}). Move what both need into one of them or into the app's root.",
    },
  },
  create(context) {
    const { root, file, where } = linted(context);
    if (where?.kind !== 'app' || !where.rest.startsWith('src/') || TEST_FILE.test(file)) return {};
    const src = join(root, 'apps', where.name, 'src');
    const from = featureOf(src, file);
    if (!from) return {};
    const known = new Set(context.options[0]?.known ?? []);
    return moduleReferences((node, specifier) => {
      if (!specifier.startsWith('.')) return;
      const to = featureOf(src, resolve(dirname(file), specifier));
      if (!to || to === from || known.has(`${where.name}: ${from} -> ${to}`)) return;
      const graph = featureGraph(src);
      const back = chain(graph, to, from);
      if (!back) return;
      const via = back
        .slice(0, -1)
        .map((f, i) => graph.get(f).get(back[i + 1]))
        .join(', ');
      context.report({
        node,
        messageId: 'cycle',
        data: { from, to, cycle: [from, ...back].join(' → '), via },
      });
    });
  },
};

export default {
  meta: { name: 'hearth-dependency-rules' },
  rules: { boundaries, 'no-feature-cycles': noFeatureCycles },
};
