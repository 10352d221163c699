// `npm run new:service -- <name>`: a new service in the shape of docs/adding-a-service.md (ADR 0022), wired into
// contracts, NATS permissions (deploy/nats regenerated), migrate, standalone, the test harness, package.json,
// nest-cli.json, docker-compose.yml and .env.example; what is left of the checklist is printed as a to-do list.
// Proven by tools/new-service.heavy-spec.ts, which generates a throwaway service in a scratch copy of the repo.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { serviceFiles } from './templates.mjs';
import { remainingTodos, wiring } from './wiring.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Names that would collide with something that exists without being a folder of apps/: the other NATS users, a
 * subject's first word (`evt.>` is every event; `member.export.part` is answered by several services), and SQL
 * keywords or schemas a schema cannot be called unquoted.
 */
const RESERVED = new Set([
  ...['gateway', 'migrate', 'operator', 'standalone', 'web', 'bench', 'evt', 'member', 'inbox', 'hearth'],
  ...[
    'public',
    'information',
    'all',
    'analyse',
    'analyze',
    'and',
    'any',
    'array',
    'as',
    'asc',
    'both',
    'case',
  ],
  ...[
    'cast',
    'check',
    'collate',
    'column',
    'constraint',
    'create',
    'default',
    'deferrable',
    'desc',
    'distinct',
  ],
  ...[
    'do',
    'else',
    'end',
    'except',
    'false',
    'fetch',
    'for',
    'foreign',
    'from',
    'grant',
    'group',
    'having',
    'in',
  ],
  ...[
    'initially',
    'intersect',
    'into',
    'lateral',
    'leading',
    'limit',
    'localtime',
    'not',
    'null',
    'offset',
    'on',
  ],
  ...['only', 'or', 'order', 'placing', 'primary', 'references', 'returning', 'select', 'some', 'symmetric'],
  ...[
    'table',
    'then',
    'to',
    'trailing',
    'true',
    'union',
    'unique',
    'user',
    'using',
    'variadic',
    'when',
    'where',
  ],
  ...['window', 'with'],
]);

/** Why `name` cannot be a new service, or null when it can. */
export function refusal(name, root = ROOT) {
  if (typeof name !== 'string' || !/^[a-z]{2,30}$/.test(name))
    return `"${name ?? ''}" is not one lowercase word (a-z, 2 to 30 letters): it is the service's folder, schema, NATS user and subject prefix.`;
  if (RESERVED.has(name))
    return `"${name}" is reserved (another NATS user, a subject prefix or an SQL word).`;
  const taken = [
    `apps/${name}`,
    `libs/${name}`,
    `libs/contracts/src/${name}`,
    `libs/contracts/src/${name}.ts`,
  ].find((p) => existsSync(join(root, p)));
  if (taken) return `"${name}" exists already (${taken}).`;
  const permissions = readFileSync(join(root, 'libs/contracts/src/permissions.ts'), 'utf8');
  if (new RegExp(`'${name}'`).test(permissions))
    return `"${name}" is already named in libs/contracts/src/permissions.ts.`;
  return null;
}

/** The next HEALTH_PORT after the services' own (3101, 3102, …). */
function nextHealthPort(root) {
  const ports = readdirSync(join(root, 'apps'))
    .map((app) => join(root, 'apps', app, 'src', 'config', 'env.schema.ts'))
    .filter((f) => existsSync(f))
    .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/HEALTH_PORT = (\d+)/g)].map((m) => Number(m[1])));
  return Math.max(3100, ...ports) + 1;
}

const today = () => new Date().toISOString().slice(0, 10).replaceAll('-', '');

async function format(root, files) {
  for (const file of files) {
    const path = join(root, file);
    const info = await prettier.getFileInfo(path, { ignorePath: join(root, '.prettierignore') });
    if (info.ignored || !info.inferredParser) continue;
    const options = (await prettier.resolveConfig(path)) ?? {};
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, await prettier.format(text, { ...options, filepath: path }));
  }
}

/** Writes the service and wires it in; returns what it wrote, what it patched and what is left to do. */
export async function newService(name, { root = ROOT, natsConfig = true, say = () => undefined } = {}) {
  const why = refusal(name, root);
  if (why) throw new Error(why);
  const svc = name;
  const n = {
    svc,
    Svc: svc[0].toUpperCase() + svc.slice(1),
    SVC: svc.toUpperCase(),
    healthPort: nextHealthPort(root),
    migration: today(),
    contractsFolders: readdirSync(join(root, 'libs/contracts/src'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name),
  };

  const written = Object.entries(serviceFiles(n)).map(([file, text]) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
    return file;
  });

  const patched = [];
  const todo = [];
  for (const step of wiring(n)) {
    const path = join(root, step.file);
    const before = existsSync(path) ? readFileSync(path, 'utf8') : null;
    // Already wired: the service's name as an identifier or a key (not the word in prose: "the data directory").
    const wired = new RegExp(
      `\\b${n.SVC}_SCHEMA\\b|\\b${n.Svc}(Module|Options|Database|Env)\\b|^\\s*${svc}\\??:`,
      'm',
    );
    const mentioned = step.mentions && before !== null && wired.test(before);
    const after = before === null || mentioned ? null : step.apply(before);
    if (after === null || after === before) {
      todo.push(step.todo);
      continue;
    }
    writeFileSync(path, after);
    patched.push(step.file);
  }
  await format(root, [...written, ...patched]);

  // deploy/nats/accounts.conf from the permissions just patched, by the same function `npm run nats-config` calls.
  if (natsConfig && patched.includes('libs/contracts/src/permissions.ts')) {
    say('Regenerating deploy/nats/accounts.conf (npm run nats-config: builds first) …');
    execFileSync('npm', ['run', 'nats-config', '--silent'], { cwd: root, stdio: 'inherit' });
    patched.push('deploy/nats/accounts.conf');
  } else {
    todo.push('npm run nats-config (regenerates deploy/nats/accounts.conf from permissions.ts)');
  }
  return { ...n, written, patched, todo: [...todo, ...remainingTodos(n)] };
}

async function main(argv) {
  const name = argv[0];
  if (!name || argv.length > 1) {
    process.stderr.write('Usage: npm run new:service -- <name>   (one lowercase word, e.g. volunteering)\n');
    return 2;
  }
  try {
    const done = await newService(name, { say: (line) => process.stdout.write(`${line}\n`) });
    const list = (title, items) =>
      process.stdout.write(`\n${title}\n${items.map((i) => `  - ${i}`).join('\n')}\n`);
    list(`Wrote the ${done.svc} service (HEALTH_PORT ${done.healthPort}):`, done.written);
    list('Wired it into:', done.patched);
    list('Still to do (docs/adding-a-service.md, "Outside the folder"):', done.todo);
    return 0;
  } catch (err) {
    process.stderr.write(`new:service: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
