import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

/*
 * docker-compose.yml without Docker: it is checked against the Compose Specification's own JSON schema (kept as
 * test data in deploy/test-data, see its README), and for what Hearth needs of it (docs/adr/0029): the whole
 * product (the web app too), a healthcheck on every long-running service with depends_on waiting for it, and no
 * secret with a default, so compose refuses to start without one and names it.
 */
const ROOT = join(__dirname, '..');
const composeText = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const envExample = readFileSync(join(ROOT, '.env.example'), 'utf8');

interface Healthcheck {
  test?: string | string[];
}
interface Service {
  image?: string;
  build?: { dockerfile?: string; args?: Record<string, string> };
  environment?: Record<string, string | number | null>;
  healthcheck?: Healthcheck;
  depends_on?: Record<string, { condition: string }>;
  networks?: Record<string, { ipv4_address?: string } | null>;
  ports?: string[];
}
interface Compose {
  services: Record<string, Service>;
  networks?: Record<string, { ipam?: { config?: { subnet?: string }[] } }>;
}

/** The file as compose reads it: anchors resolved and `<<` merge keys merged. */
const loadCompose = (text: string): Compose => parse(text, { merge: true }) as Compose;

function composeSchemaValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(join(ROOT, 'deploy/test-data/compose-spec.json'), 'utf8')) as {
    $schema: string;
  };
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The schema names draft 07 by its https address; ajv knows the same meta-schema by its http one.
  const draft07 = ajv.getSchema('http://json-schema.org/draft-07/schema')!.schema as object;
  ajv.addMetaSchema({ ...draft07, $id: schema.$schema });
  return ajv.compile(schema);
}

/** Hearth's own apps: the services built from deploy/Dockerfile, by their APP. */
const appsOf = (compose: Compose) =>
  Object.entries(compose.services).filter(([, s]) => s.build?.dockerfile === 'deploy/Dockerfile');

/** The port an app's healthcheck asks /health/ready on, or undefined when it asks nothing of the kind. */
function readinessPort(check: Healthcheck | undefined): number | undefined {
  const test = Array.isArray(check?.test) ? check.test.join(' ') : (check?.test ?? '');
  const match = /fetch\('http:\/\/127\.0\.0\.1:(\d+)\/health\/ready'\)/.exec(test);
  return match ? Number(match[1]) : undefined;
}

/** A variable that holds a secret: a password, a key, a secret (SMTP_URL may carry a password too). */
const SECRET_NAME = /PASSWORD|SECRET|_KEY$|TOKEN|^SMTP_URL$/;

/** Every `${…}` of the file outside its comments, with its name, its operator (`:?`, `:-`, `?`, `-` or none) and the rest. */
const references = [
  ...composeText.replace(/^\s*#.*$/gm, '').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[?-])?([^}]*)\}/g),
].map(([text, name, operator = '', rest]) => ({ text, name, operator, rest }));

describe('docker-compose.yml', () => {
  const compose = loadCompose(composeText);
  const validate = composeSchemaValidator();

  it('is valid against the Compose Specification’s JSON schema', () => {
    expect(validate(compose) ? [] : validate.errors).toEqual([]);
  });

  it('fails that schema when it is broken, so the check above is a real one', () => {
    const broken = loadCompose(composeText);
    broken.services.tenants.depends_on!.nats.condition = 'service_ready';
    expect(validate(broken)).toBe(false);
    expect(
      validate(loadCompose(composeText.replace(/^ {4}restart: unless-stopped$/m, '    restart: 7'))),
    ).toBe(false);
  });

  it('runs the whole product: every service, the gateway and the web app, each built from its own app', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining([
        'postgres',
        'nats',
        'migrate',
        'tenants',
        'membership',
        'events',
        'reporting',
        'gateway',
        'web',
      ]),
    );
    // Everything else is one of Hearth's apps (a service `npm run new:service` added, say).
    const infrastructure = ['postgres', 'nats'];
    expect(
      Object.keys(compose.services)
        .filter((name) => !infrastructure.includes(name))
        .sort(),
    ).toEqual(
      appsOf(compose)
        .map(([name]) => name)
        .sort(),
    );
    for (const [name, service] of appsOf(compose)) {
      expect({ name, app: service.build?.args?.APP }).toEqual({ name, app: name });
      expect(existsSync(join(ROOT, 'apps', name, 'src', 'main.ts'))).toBe(true);
    }
    expect(compose.services.web.environment).toMatchObject({ API_URL: 'http://gateway:3000', PORT: 3001 });
  });

  it('gives every app that keeps running a healthcheck on /health/ready at the port it serves it on', () => {
    const checked = appsOf(compose).filter(([name]) => name !== 'migrate');
    expect(checked.length).toBeGreaterThan(5);
    for (const [name, service] of checked) {
      const env = service.environment ?? {};
      // A service serves /health on HEALTH_PORT; the gateway and the web app on their own PORT.
      const port = Number(env.HEALTH_PORT ?? env.PORT);
      expect({ name, port: readinessPort(service.healthcheck) }).toEqual({ name, port });
      // Node's fetch: the images have node and no curl (deploy/Dockerfile).
      expect(service.healthcheck?.test?.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    }
  });

  it('checks NATS on its monitoring port and PostgreSQL over TCP', () => {
    expect(String(compose.services.nats.healthcheck?.test)).toContain('http://127.0.0.1:8222/healthz');
    expect(String(compose.services.postgres.healthcheck?.test)).toContain('pg_isready');
  });

  it('starts nothing before what it needs is healthy (migrate: finished)', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        const expected =
          dependency === 'migrate' ? 'service_completed_successfully' : ('service_healthy' as string);
        expect({ name, dependency, condition }).toEqual({ name, dependency, condition: expected });
        if (expected === 'service_healthy') expect(compose.services[dependency].healthcheck).toBeDefined();
      }
    }
    for (const [name, service] of appsOf(compose)) {
      const needs = Object.keys(service.depends_on ?? {});
      if (name === 'web') expect(needs).toEqual(['gateway']);
      else if (name === 'migrate') expect(needs.sort()).toEqual(['nats', 'postgres']);
      else expect({ name, needs: needs.sort() }).toEqual({ name, needs: ['migrate', 'nats'] });
    }
  });

  it('has no default for any secret: each is required, with a message, and listed in .env.example', () => {
    const secrets = references.filter((r) => SECRET_NAME.test(r.name));
    expect(secrets.length).toBeGreaterThan(15);
    for (const { text, name, operator, rest } of secrets) {
      // SMTP_URL is optional (no email without it), but never defaulted to something.
      if (name === 'SMTP_URL') expect({ text, operator, rest }).toEqual({ text, operator: ':-', rest: '' });
      else {
        expect({ text, operator }).toEqual({ text, operator: ':?' });
        expect(rest).toContain('.env.example');
        expect(envExample).toMatch(new RegExp(`^${name}=$`, 'm'));
      }
    }
    // Nothing else is required without being in .env.example either.
    for (const { name } of references.filter((r) => r.operator === ':?'))
      expect(envExample).toMatch(new RegExp(`^${name}=$`, 'm'));
  });

  it('writes no secret into the file itself: secret variables and passwords in URLs come from the environment', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        const text = String(value ?? '');
        if (SECRET_NAME.test(variable) && !variable.endsWith('_FILE'))
          expect({ name, variable, value: text }).toEqual({
            name,
            variable,
            value: expect.stringMatching(/^\$\{[A-Z_]+:[?-][^}]*\}$/),
          });
        const password = /:\/\/[^:/@\s]+:([^@\s]+)@/.exec(text)?.[1];
        if (password !== undefined)
          expect({ name, variable, password }).toEqual({
            name,
            variable,
            password: expect.stringMatching(/^\$\{[A-Z_]+:\?[^}]+\}$/),
          });
      }
    }
  });

  it('publishes the web app and the API on this machine only, and the gateway believes only the web app', () => {
    // The web app may be published further by the operator's choice (plain HTTP on a LAN), never by default.
    expect(compose.services.gateway.ports).toEqual(['127.0.0.1:3000:3000']);
    expect(compose.services.web.ports).toEqual(['${WEB_PUBLISH_ADDRESS:-127.0.0.1}:3001:3001']);
    expect(compose.services.web.environment?.ALLOW_INSECURE_HTTP).toBe('${ALLOW_INSECURE_HTTP:-false}');
    expect(Object.keys(compose.services).filter((n) => compose.services[n].ports?.length)).toEqual([
      'gateway',
      'web',
    ]);
    const webAddress = compose.services.web.networks?.default?.ipv4_address;
    expect(compose.services.gateway.environment?.TRUST_PROXY).toBe(webAddress);
    const subnet = compose.networks?.default?.ipam?.config?.[0]?.subnet ?? '';
    expect(subnet).toMatch(/^\d+\.\d+\.\d+\.0\/24$/);
    expect(webAddress?.split('.').slice(0, 3)).toEqual(subnet.split('.').slice(0, 3));
  });
});
