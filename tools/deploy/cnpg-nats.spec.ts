import { readFileSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse, parseAllDocuments } from 'yaml';
import { NATS_USERS, natsPasswordVariable } from '@hearth/contracts';
import { HEARTH_ROLE_COMMENT, serviceRoleName } from '@hearth/persistence';
import { SERVICE_SCHEMAS } from '../../apps/migrate/src/service-schemas';

/*
 * The PostgreSQL and NATS of a Kubernetes deployment without a cluster, kubectl or helm (docs/adr/0085): the
 * CloudNativePG objects are checked against the CRDs' own OpenAPI schemas (test data in deploy/test-data/cnpg),
 * the NATS values against the chart's own values.yaml (it has no values schema), and both for what Hearth needs.
 */
const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const cluster = parse(read('deploy/k8s/cnpg/cluster.yaml')) as Doc;
const backupDocs = parseAllDocuments(read('deploy/k8s/cnpg/backups.yaml')).map((d) => d.toJS() as Doc);
const objectStore = backupDocs.find((d) => d.kind === 'ObjectStore')!;
const scheduledBackup = backupDocs.find((d) => d.kind === 'ScheduledBackup')!;
const values = parse(read('deploy/k8s/nats/values.yaml')) as Doc;
const chartValues = parse(read('deploy/test-data/nats-chart/values.yaml')) as Doc;

/** Keywords of Kubernetes' structural schemas that JSON Schema does not know; CEL rules are not evaluated here. */
const KUBERNETES_KEYWORDS = [
  'x-kubernetes-validations',
  'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-embedded-resource',
];

/**
 * Objects with declared properties take no others, as `kubectl apply` (strict field validation) refuses unknown
 * fields; the API server would only drop them, silently, so a misspelt field would otherwise pass here and there.
 */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Doc = Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [k, k === 'x-kubernetes-validations' ? v : closeObjects(v)]),
  );
  if (
    out.type === 'object' &&
    out.properties &&
    out.additionalProperties === undefined &&
    !out['x-kubernetes-preserve-unknown-fields']
  )
    out.additionalProperties = false;
  return out;
}

const storageSchema = (file: string) => {
  const crd = parse(read(`deploy/test-data/cnpg/${file}`)) as Doc;
  return { crd, version: (crd.spec.versions as Doc[]).find((v) => v.storage)! };
};

/** The fields a document sets that the schema's descriptions call deprecated (e.g. `enablePodMonitor`). */
function deprecatedFields(value: unknown, schema: Doc | undefined, path = ''): string[] {
  if (!schema || !value || typeof value !== 'object') return [];
  if (Array.isArray(value))
    return value.flatMap((item, i) => deprecatedFields(item, schema.items as Doc, `${path}[${i}]`));
  return Object.entries(value).flatMap(([key, v]) => {
    const sub = (schema.properties?.[key] ?? schema.additionalProperties) as Doc | undefined;
    const here = typeof sub?.description === 'string' && /\bdeprecated\b/i.test(sub.description);
    return [...(here ? [`${path}${key}`] : []), ...deprecatedFields(v, sub, `${path}${key}.`)];
  });
}

function crdValidator(file: string): { kind: string; apiVersion: string; validate: ValidateFunction } {
  const { crd, version } = storageSchema(file);
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  for (const keyword of KUBERNETES_KEYWORDS) ajv.addKeyword(keyword);
  for (const format of ['int32', 'int64', 'byte']) ajv.addFormat(format, true);
  return {
    kind: crd.spec.names.kind,
    apiVersion: `${crd.spec.group}/${version.name}`,
    validate: ajv.compile(closeObjects(version.schema.openAPIV3Schema) as object),
  };
}

function expectValid(doc: Doc, file: string) {
  const { kind, apiVersion, validate } = crdValidator(file);
  expect({ kind: doc.kind, apiVersion: doc.apiVersion }).toEqual({ kind, apiVersion });
  validate(doc);
  expect(validate.errors ?? []).toEqual([]);
}

/** Every key path (a.b.c) holding a password-like value given in place. */
function inlinedPasswords(doc: unknown, path = ''): string[] {
  if (!doc || typeof doc !== 'object') return [];
  return Object.entries(doc).flatMap(([k, v]) =>
    /password|secretAccessKey|accessKeyId/i.test(k) && typeof v === 'string'
      ? [`${path}${k}`]
      : inlinedPasswords(v, `${path}${k}.`),
  );
}

describe('the CloudNativePG cluster (deploy/k8s/cnpg)', () => {
  it('validates against the Cluster, ObjectStore and ScheduledBackup CRDs', () => {
    expectValid(cluster, 'postgresql.cnpg.io_clusters.yaml');
    expectValid(objectStore, 'barmancloud.cnpg.io_objectstores.yaml');
    expectValid(scheduledBackup, 'postgresql.cnpg.io_scheduledbackups.yaml');
  });

  it("uses no field the CRDs' descriptions call deprecated", () => {
    const deprecated = (doc: Doc, file: string) =>
      deprecatedFields(doc, storageSchema(file).version.schema.openAPIV3Schema as Doc);
    expect([
      ...deprecated(cluster, 'postgresql.cnpg.io_clusters.yaml'),
      ...deprecated(objectStore, 'barmancloud.cnpg.io_objectstores.yaml'),
      ...deprecated(scheduledBackup, 'postgresql.cnpg.io_scheduledbackups.yaml'),
    ]).toEqual([]);
    // (The in-tree barmanObjectStore is deprecated in the documentation only: the backup test asks for the plugin.)
    const podMonitor = { ...cluster.spec, monitoring: { enablePodMonitor: true } };
    expect(deprecated({ ...cluster, spec: podMonitor }, 'postgresql.cnpg.io_clusters.yaml')).toEqual([
      'spec.monitoring.enablePodMonitor',
    ]);
  });

  it('fails the CRD check on a misspelt or mistyped field (the check can fail)', () => {
    const { validate } = crdValidator('postgresql.cnpg.io_clusters.yaml');
    expect(validate({ ...cluster, spec: { ...cluster.spec, instance: 3 } })).toBe(false);
    expect(validate({ ...cluster, spec: { ...cluster.spec, instances: 'three' } })).toBe(false);
    const sync = { ...cluster.spec.postgresql, synchronous: { method: 'all', number: 1 } };
    expect(validate({ ...cluster, spec: { ...cluster.spec, postgresql: sync } })).toBe(false);
  });

  it('runs PostgreSQL 17 on three instances with synchronous replication ANY 1', () => {
    expect(cluster.spec.instances).toBe(3);
    expect(cluster.spec.imageName).toMatch(/\/postgresql:17[.-]/);
    expect(cluster.spec.postgresql.synchronous).toMatchObject({ method: 'any', number: 1 });
    // Writes wait for a standby rather than return unreplicated when both are gone.
    expect(cluster.spec.postgresql.synchronous.dataDurability ?? 'required').toBe('required');
  });

  it("has every service's own role as a managed role: login, nothing more, its password from a Secret", () => {
    const roles = cluster.spec.managed.roles as Doc[];
    const expected = SERVICE_SCHEMAS.map(({ schema }) => serviceRoleName(schema));
    expect(roles.map((r) => r.name).sort()).toEqual([...expected].sort());
    for (const { schema } of SERVICE_SCHEMAS) {
      const role = roles.find((r) => r.name === serviceRoleName(schema))!;
      expect(role).toMatchObject({
        ensure: 'present',
        login: true,
        passwordSecret: { name: `hearth-db-${schema}` },
      });
      // What migrate refuses in a role it did not create (libs/persistence/src/migrate.ts), and more.
      for (const attribute of ['superuser', 'createrole', 'bypassrls', 'replication', 'createdb'])
        expect([role.name, attribute, role[attribute] ?? false]).toEqual([role.name, attribute, false]);
      expect(role.inRoles ?? []).toEqual([]);
      // With migrate's mark, migrate would set the password from the URL and fight the operator over it.
      expect(role.comment).not.toBe(HEARTH_ROLE_COMMENT);
    }
    expect(cluster.spec.bootstrap.initdb).toMatchObject({
      database: 'hearth',
      secret: { name: expect.any(String) },
    });
    expect(expected).not.toContain(serviceRoleName(cluster.spec.bootstrap.initdb.owner as string));
  });

  it('archives WAL and takes scheduled base backups to object storage, kept 35 days', () => {
    const plugin = (cluster.spec.plugins as Doc[]).find((p) => p.isWALArchiver);
    expect(plugin).toMatchObject({
      name: 'barman-cloud.cloudnative-pg.io',
      parameters: { barmanObjectName: objectStore.metadata.name },
    });
    expect(objectStore.spec.retentionPolicy).toBe('35d');
    expect(objectStore.spec.configuration.destinationPath).toMatch(/^(s3|gs|https):\/\//);
    expect(scheduledBackup.spec).toMatchObject({
      cluster: { name: cluster.metadata.name },
      method: 'plugin',
      pluginConfiguration: { name: plugin!.name },
    });
    // Six cron fields, seconds first (CloudNativePG's format).
    expect((scheduledBackup.spec.schedule as string).split(' ')).toHaveLength(6);
  });

  it('inlines no password or key: Secrets are referenced', () => {
    expect([...inlinedPasswords(cluster), ...backupDocs.flatMap((d) => inlinedPasswords(d))]).toEqual([]);
  });
});

/**
 * Where the chart's values.yaml documents a free-form value (a map or list passed on as it is): `merge` (Helm
 * merge into the NATS config or the Kubernetes object), `patch` (a JSON Patch), the container's `env` (a map of
 * variables), its `resources` (a Kubernetes ResourceRequirements) and `topologySpreadConstraints` (by topology key).
 */
const FREE_FORM = [
  /(^|\.)merge$/,
  /(^|\.)patch$/,
  /^container\.env$/,
  /^container\.resources$/,
  /^podTemplate\.topologySpreadConstraints$/,
];

const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Keys Hearth sets that the chart has not, or with another type; the chart's unset (null) keys take any scalar. */
function keysNotInChart(ours: Doc, chart: Doc, path = ''): string[] {
  return Object.entries(ours).flatMap(([key, value]) => {
    const at = `${path}${key}`;
    if (!(key in chart)) return [`${at}: not in the chart`];
    if (FREE_FORM.some((re) => re.test(at))) return [];
    const [mine, theirs] = [kindOf(value), kindOf(chart[key])];
    if (theirs === 'null')
      return mine === 'object' || mine === 'array' ? [`${at}: ${mine}, the chart has a scalar`] : [];
    if (mine !== theirs) return [`${at}: ${mine}, the chart has ${theirs}`];
    return mine === 'object' ? keysNotInChart(value as Doc, chart[key] as Doc, `${at}.`) : [];
  });
}

describe('the NATS Helm values (deploy/k8s/nats/values.yaml)', () => {
  it("sets only keys of the chart's values.yaml, with the chart's types", () => {
    expect(keysNotInChart(values, chartValues)).toEqual([]);
  });

  it('fails the key check on a key the chart does not have, or of another type (the check can fail)', () => {
    expect(keysNotInChart({ config: { jetstream: { fileStorage: {} } } }, chartValues)).toEqual([
      'config.jetstream.fileStorage: not in the chart',
    ]);
    expect(keysNotInChart({ config: { cluster: { replicas: '3' } } }, chartValues)).toEqual([
      'config.cluster.replicas: string, the chart has number',
    ]);
  });

  it('is a three-node JetStream cluster on persistent volumes that syncs every write', () => {
    expect(values.config.cluster).toMatchObject({ enabled: true, replicas: 3 });
    expect(values.config.jetstream).toMatchObject({
      enabled: true,
      fileStore: { enabled: true, pvc: { enabled: true } },
      merge: { sync_interval: 'always' },
    });
  });

  it('takes clients and routes over TLS, with certificates from Secrets', () => {
    for (const tls of [values.config.nats.tls, values.config.cluster.tls])
      expect(tls).toMatchObject({ enabled: true, secretName: expect.any(String) });
    expect(values.tlsCA).toMatchObject({ enabled: true, secretName: expect.any(String) });
  });

  it('includes the generated accounts.conf from a mounted ConfigMap the reloader watches', () => {
    const include = values.config.merge.$include as string;
    const included = posix.normalize(posix.join('/etc/nats-config', include));
    expect(basename(included)).toBe(basename('deploy/nats/accounts.conf'));
    const mount = (values.container.patch as Doc[]).find((p) => p.path === '/volumeMounts/-')!.value as Doc;
    expect(posix.dirname(included)).toBe(mount.mountPath);
    const volume = (values.podTemplate.patch as Doc[]).find((p) => p.path === '/spec/volumes/-')!
      .value as Doc;
    expect(volume).toEqual({ name: mount.name, configMap: { name: expect.any(String) } });
    // The chart's reloader follows mounts under these prefixes: an updated ConfigMap reloads the servers.
    expect(
      (chartValues.reloader.natsVolumeMountPrefixes as string[]).some((p) => included.startsWith(p)),
    ).toBe(true);
  });

  it("gives the server every user's password variable from a Secret, and no other", () => {
    const env = values.container.env as Record<string, Doc>;
    expect(
      Object.keys(env)
        .filter((k) => k.startsWith('HEARTH_NATS_'))
        .sort(),
    ).toEqual(NATS_USERS.map(natsPasswordVariable).sort());
    // Each app's from its own Secret (the k8s manifests' `hearth-<app>`, key `nats-password`); the two users no
    // pod runs as from `hearth-nats`.
    for (const user of NATS_USERS) {
      const ref = ['operator', 'standalone'].includes(user)
        ? { name: 'hearth-nats', key: user }
        : { name: `hearth-${user}`, key: 'nats-password' };
      expect([user, env[natsPasswordVariable(user)]]).toEqual([user, { valueFrom: { secretKeyRef: ref } }]);
    }
    // The generated file reads exactly these variables.
    const named = [...read('deploy/nats/accounts.conf').matchAll(/\$(HEARTH_NATS_[A-Z_]+_PASSWORD)/g)].map(
      (m) => m[1],
    );
    expect([...new Set(named)].sort()).toEqual(NATS_USERS.map(natsPasswordVariable).sort());
    expect(inlinedPasswords(values)).toEqual([]);
  });
});
