import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
/**
 * The services built on the shape: every app with a gate, `apps/<svc>/src/<svc>-access.ts` (the gateway, web,
 * migrate and standalone have none), so a service added by hand or by `npm run new:service` is checked too.
 */
const SERVICES = readdirSync(join(ROOT, 'apps')).filter((app) =>
  existsSync(join(ROOT, 'apps', app, 'src', `${app}-access.ts`)),
);

/** The skeleton of docs/adding-a-service.md: the paths between its markers, as written there. */
function skeleton(): string[] {
  const doc = readFileSync(join(ROOT, 'docs', 'adding-a-service.md'), 'utf8');
  const block = /<!-- skeleton:start -->([\s\S]*?)<!-- skeleton:end -->/.exec(doc);
  if (!block) throw new Error('docs/adding-a-service.md has no skeleton block');
  return block[1]
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('apps/'));
}

const pascal = (svc: string) => svc[0].toUpperCase() + svc.slice(1);

describe('every service has the shape of docs/adding-a-service.md', () => {
  const paths = skeleton();

  it('reads a skeleton from the doc', () => expect(paths.length).toBeGreaterThan(5));

  it('finds every service by its gate', () =>
    expect(SERVICES).toEqual(expect.arrayContaining(['tenants', 'membership', 'events', 'reporting'])));

  it.each(SERVICES)('%s has every file and folder of the skeleton', (svc) => {
    const missing = paths
      .map((p) => p.replaceAll('<svc>', svc).replaceAll('<Svc>', pascal(svc)))
      .filter((p) => {
        const full = join(ROOT, p);
        if (!existsSync(full)) return true;
        return p.endsWith('/') !== statSync(full).isDirectory();
      });
    expect(missing).toEqual([]);
  });

  it.each(SERVICES)(
    '%s starts through the kernel: main.ts bootstraps, the app factory is the shared one',
    (svc) => {
      const main = readFileSync(join(ROOT, 'apps', svc, 'src', 'main.ts'), 'utf8');
      expect(main).toContain('bootstrapService(');
      const app = readFileSync(join(ROOT, 'apps', svc, 'src', `${svc}.app.ts`), 'utf8');
      expect(app).toMatch(/serviceAppFactory\(|createServiceApp\(/);
      expect(app).not.toContain('NestFactory');
    },
  );
});

describe('source files stay small enough to read', () => {
  const { execFileSync } = jest.requireActual<typeof import('node:child_process')>('node:child_process');
  const files = execFileSync('git', ['ls-files', 'apps', 'libs'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter(
      (f) =>
        f.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec|heavy-spec|browser-spec|smoke-spec)\.ts$/.test(f),
    )
    .filter((f) => !/\/test\//.test(f) && existsSync(join(ROOT, f)));

  it('has no non-test source file in apps/ or libs/ over 400 lines', () => {
    const long = files
      .map((f) => ({ f, lines: readFileSync(join(ROOT, f), 'utf8').split('\n').length }))
      .filter((x) => x.lines > 400)
      .map((x) => `${x.f} (${x.lines})`);
    expect(long).toEqual([]);
  });
});
