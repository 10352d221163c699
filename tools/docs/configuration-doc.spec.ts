import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { DeliveryEnv } from '@hearth/platform';
import { serviceUrlVariable } from '@hearth/persistence';
import { StandaloneEnv } from '../../apps/standalone/src';
import { GatewayEnv } from '../../apps/gateway/src';
import { WebEnv } from '../../apps/web/src';
import { TenantsEnv } from '../../apps/tenants/src';
import { MembershipEnv } from '../../apps/membership/src';
import { EventsEnv } from '../../apps/events/src';
import { ReportingEnv } from '../../apps/reporting/src';
import { SERVICE_SCHEMAS } from '../../apps/migrate/src';
import { documentedVariables } from './configuration-doc.util';

const ROOT = join(__dirname, '..', '..');
const DOC = 'docs/configuration.md';

/** Every property of an env schema, its own and inherited (each has a validator, or `loadConfig` drops it). */
const schemaVariables = (schema: new () => object): string[] =>
  getMetadataStorage()
    .getTargetValidationMetadatas(schema, '', true, false)
    .map((m) => m.propertyName);

const serviceUrlVariables = SERVICE_SCHEMAS.map((s) => serviceUrlVariable(s.schema));

/**
 * migrate has no schema of its own: it reads the delivery variables (the events stream's settings) and, in its
 * commands, variables by name (`env.NAME`), and each service's `<SERVICE>_DATABASE_URL`.
 */
function migrateVariables(): string[] {
  const dir = join(ROOT, 'apps/migrate/src');
  const read = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .flatMap((f) =>
      [...readFileSync(join(dir, f), 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]),
    );
  return [...schemaVariables(DeliveryEnv), ...read, ...serviceUrlVariables];
}

/** What each app reads. Standalone also takes each service's role (`<SERVICE>_DATABASE_URL`) on your PostgreSQL. */
const APPS: Record<string, () => string[]> = {
  standalone: () => [...schemaVariables(StandaloneEnv), ...serviceUrlVariables],
  gateway: () => schemaVariables(GatewayEnv),
  web: () => schemaVariables(WebEnv),
  tenants: () => schemaVariables(TenantsEnv),
  membership: () => schemaVariables(MembershipEnv),
  events: () => schemaVariables(EventsEnv),
  reporting: () => schemaVariables(ReportingEnv),
  migrate: migrateVariables,
};

const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

describe(`${DOC} lists every variable of every app`, () => {
  const documented = documentedVariables(readFileSync(join(ROOT, DOC), 'utf8'), Object.keys(APPS));

  it('reads the tables of the page', () => {
    expect(documented.rows).toBeGreaterThan(30);
    expect(documented.unknownApps).toEqual([]);
  });

  it('knows every app that reads variables', () => {
    const withSchema = readdirSync(join(ROOT, 'apps')).filter((app) =>
      existsSync(join(ROOT, 'apps', app, 'src/config/env.schema.ts')),
    );
    expect(sorted(Object.keys(APPS))).toEqual(sorted([...withSchema, 'migrate']));
  });

  it.each(Object.keys(APPS))('documents exactly the variables %s reads', (app) => {
    const read = sorted(APPS[app]());
    const written = sorted(documented.byApp.get(app) ?? []);
    expect({
      app,
      undocumented: read.filter((v) => !written.includes(v)),
      documentedButNotRead: written.filter((v) => !read.includes(v)),
    }).toEqual({ app, undocumented: [], documentedButNotRead: [] });
  });
});
