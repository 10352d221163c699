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
import { DirectoryEnv } from '../../apps/directory/src';
import { VolunteeringEnv } from '../../apps/volunteering/src';
import { AdvocacyEnv } from '../../apps/advocacy/src';
import { WebhooksEnv } from '../../apps/webhooks/src';
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

/** Set by npm for the commands it runs, not by an operator. */
const SET_BY_NPM = ['INIT_CWD'];

/** The .ts files of a folder and its folders, tests left out. */
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec|smoke-spec)\.ts$/.test(e.name) ? [path] : [];
  });

/**
 * The variables an app's code reads by name, outside its schema: `env.NAME` or `process.env.NAME` in its
 * sources (operator commands such as `npm run backup`, and migrate, which has no schema).
 */
const readByName = (app: string): string[] =>
  sources(join(ROOT, 'apps', app, 'src'))
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]))
    .filter((name) => !SET_BY_NPM.includes(name));

/**
 * What each app reads: its schema's variables and those its code reads by name. Standalone and migrate also take
 * each service's role (`<SERVICE>_DATABASE_URL`); migrate has no schema but validates the delivery variables (the
 * events stream's settings).
 */
const APPS: Record<string, () => string[]> = {
  standalone: () => [...schemaVariables(StandaloneEnv), ...serviceUrlVariables],
  gateway: () => schemaVariables(GatewayEnv),
  web: () => schemaVariables(WebEnv),
  tenants: () => schemaVariables(TenantsEnv),
  membership: () => schemaVariables(MembershipEnv),
  events: () => schemaVariables(EventsEnv),
  reporting: () => schemaVariables(ReportingEnv),
  directory: () => schemaVariables(DirectoryEnv),
  volunteering: () => schemaVariables(VolunteeringEnv),
  advocacy: () => schemaVariables(AdvocacyEnv),
  webhooks: () => schemaVariables(WebhooksEnv),
  migrate: () => [...schemaVariables(DeliveryEnv), ...serviceUrlVariables],
};
const readBy = (app: string) => [...APPS[app](), ...readByName(app)];

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
    const read = sorted(readBy(app));
    const written = sorted(documented.byApp.get(app) ?? []);
    expect({
      app,
      undocumented: read.filter((v) => !written.includes(v)),
      documentedButNotRead: written.filter((v) => !read.includes(v)),
    }).toEqual({ app, undocumented: [], documentedButNotRead: [] });
  });
});
