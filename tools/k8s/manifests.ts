import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IHTTPIngressPath } from 'kubernetes-models/networking.k8s.io/v1/HTTPIngressPath';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import { networkPolicies } from './network-policies';
import {
  APPS,
  CONFIG,
  HOST,
  IMAGE_TAG,
  NAMESPACE,
  NATS_CA,
  SECRETS,
  SERVICES,
  TLS_SECRET,
  appSecret,
  cpuRequestMillis,
  imageOf,
  labelsOf,
  nameOf,
  PART_OF,
  selectorOf,
  type AppSpec,
  type EnvSource,
  type KeyFile,
} from './apps';

/*
 * The Kustomize sources of deploy/k8s (ADR 0084), as plain objects: the base (one file per app, the config, the
 * migrate Job, the Ingress, the NetworkPolicies) and the two overlays. `render.ts` writes them as YAML.
 */

/** The files of one Kustomize directory: name → objects (a kustomization.yaml is one object). */
export type SourceDir = Record<string, object[] | Record<string, unknown>>;

/** How long endpoints get to forget a stopping pod before it stops taking requests (the preStop sleep). */
export const DRAIN_SECONDS = 5;
export const TERMINATION_GRACE_SECONDS = 30;
const KEYS_DIR = '/var/run/hearth';

const toEnv = (name: string, source: EnvSource): IEnvVar =>
  'value' in source
    ? { name, value: source.value }
    : 'config' in source
      ? { name, valueFrom: { configMapKeyRef: { name: 'hearth-config', key: source.config } } }
      : {
          name,
          valueFrom: {
            secretKeyRef: {
              name: source.secret,
              key: source.key,
              ...(source.optional ? { optional: true } : {}),
            },
          },
        };

const keyPath = (k: KeyFile) => `${KEYS_DIR}/${k.secret}/${k.key}`;

/** Non-root (the image's `node`, uid 1000), nothing writable but /tmp, no capabilities, the default seccomp. */
const CONTAINER_SECURITY: ISecurityContext = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};
const POD_SECURITY: IPodSecurityContext = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  fsGroup: 1000,
  seccompProfile: { type: 'RuntimeDefault' },
};

const mib = (n: number) => `${n}Mi`;

function resourcesOf(app: AppSpec) {
  return {
    // Loading an app's code alone takes 160–170 MiB of RSS (ADR 0084): 256 MiB asked, room to 512.
    requests: { cpu: `${cpuRequestMillis(app.sizing)}m`, memory: mib(256) },
    // One core: a Node process runs its JavaScript on one thread; more would only feed the garbage collector.
    limits: { cpu: '1', memory: mib(512) },
  };
}

/** The volumes of an app's keys: one Secret volume per Secret, only the keys it needs. */
function keyVolumes(keys: KeyFile[]): IVolume[] {
  const bySecret = new Map<string, string[]>();
  for (const k of keys) bySecret.set(k.secret, [...(bySecret.get(k.secret) ?? []), k.key]);
  return [...bySecret].map(([secret, names]) => ({
    name: secret,
    secret: { secretName: secret, defaultMode: 0o440, items: names.map((key) => ({ key, path: key })) },
  }));
}

function deployment(app: AppSpec): IDeployment {
  const labels = labelsOf(app.name, app.component);
  const portName = app.component === 'service' ? 'health' : 'http';
  const probe = (path: string, periodSeconds: number, failureThreshold: number): IProbe => ({
    httpGet: { path, port: portName },
    periodSeconds,
    timeoutSeconds: 3,
    failureThreshold,
  });
  const volumes = keyVolumes(app.keys);
  const initContainers: IContainer[] | undefined =
    app.component === 'service'
      ? [
          {
            // Starts the service only once migrate has brought its schema to this image's migrations (ADR 0084).
            name: 'wait-for-migrations',
            image: imageOf(app.name),
            args: ['node', 'dist/apps/migrate/src/wait-for-migrations.js', app.name],
            env: [toEnv('DATABASE_URL', app.env.DATABASE_URL)],
            // It loads every service's migrations, so every service's code: ~190 MiB of RSS.
            resources: {
              requests: { cpu: '25m', memory: mib(192) },
              limits: { cpu: '500m', memory: mib(384) },
            },
            securityContext: CONTAINER_SECURITY,
          },
        ]
      : undefined;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: nameOf(app.name), labels },
    spec: {
      replicas: 1,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorOf(app.name) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: {
          labels,
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(app.port),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: POD_SECURITY,
          terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
          ...(initContainers ? { initContainers } : {}),
          containers: [
            {
              name: app.name,
              image: imageOf(app.name),
              ports: [{ name: portName, containerPort: app.port, protocol: 'TCP' }],
              env: [
                ...Object.entries(app.env).map(([name, source]) => toEnv(name, source)),
                ...app.keys.map((k) => ({ name: k.variable, value: keyPath(k) })),
              ],
              resources: resourcesOf(app),
              startupProbe: probe('/health/live', 2, 30),
              livenessProbe: probe('/health/live', 10, 3),
              readinessProbe: probe('/health/ready', 5, 2),
              // Endpoints and the ingress forget the pod while it still answers; SIGTERM comes after.
              lifecycle: { preStop: { exec: { command: ['sleep', String(DRAIN_SECONDS)] } } },
              securityContext: CONTAINER_SECURITY,
              volumeMounts: [
                { name: 'tmp', mountPath: '/tmp' },
                ...volumes.map((v) => ({ name: v.name, mountPath: `${KEYS_DIR}/${v.name}`, readOnly: true })),
              ],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: mib(64) } }, ...volumes],
        },
      },
    },
  };
}

function service(app: AppSpec): IService {
  const portName = app.component === 'service' ? 'health' : 'http';
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: nameOf(app.name), labels: labelsOf(app.name, app.component) },
    spec: {
      type: 'ClusterIP',
      selector: selectorOf(app.name),
      ports: [{ name: portName, port: app.port, targetPort: portName, protocol: 'TCP' }],
    },
  };
}

/** One replica may always go (a node drain never blocks on Hearth), never two at once. */
const pdb = (app: AppSpec): IPodDisruptionBudget => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: nameOf(app.name), labels: labelsOf(app.name, app.component) },
  spec: { maxUnavailable: 1, selector: { matchLabels: selectorOf(app.name) } },
});

export const hpa = (app: AppSpec, minReplicas: number): IHorizontalPodAutoscaler => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: nameOf(app.name), labels: labelsOf(app.name, app.component) },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: nameOf(app.name) },
    minReplicas,
    maxReplicas: app.maxReplicas,
    metrics: [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
      },
    ],
    behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
  },
});

const config = (): IConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'hearth-config', labels: PART_OF },
  data: { ...CONFIG },
});

/** The migrate step: the owner's URL and every service's role, the migrate NATS user (ADR 0012, 0084). */
function migrateJob(): IJob {
  const labels = labelsOf('migrate', 'migrate');
  const env: Record<string, EnvSource> = {
    MIGRATION_DATABASE_URL: { secret: SECRETS.migrate, key: 'migration-database-url' },
    ...Object.fromEntries(
      SERVICES.map((s) => [`${s.toUpperCase()}_DATABASE_URL`, { secret: appSecret(s), key: 'database-url' }]),
    ),
    NATS_URL: { config: 'NATS_URL' },
    NATS_PASSWORD: { secret: SECRETS.migrate, key: 'nats-password' },
    NATS_STREAM_REPLICAS: { config: 'NATS_STREAM_REPLICAS' },
  };
  const volumes = keyVolumes([NATS_CA]);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: nameOf('migrate'), labels },
    spec: {
      backoffLimit: 6,
      // Gone a day after it finished, so the next release's `kubectl apply -k` can create it again.
      ttlSecondsAfterFinished: 86400,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'OnFailure',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: POD_SECURITY,
          containers: [
            {
              name: 'migrate',
              image: imageOf('migrate'),
              env: [
                ...Object.entries(env).map(([name, source]) => toEnv(name, source)),
                { name: NATS_CA.variable, value: keyPath(NATS_CA) },
              ],
              resources: {
                requests: { cpu: '100m', memory: mib(256) },
                limits: { cpu: '1', memory: mib(512) },
              },
              securityContext: CONTAINER_SECURITY,
              volumeMounts: [
                { name: 'tmp', mountPath: '/tmp' },
                ...volumes.map((v) => ({ name: v.name, mountPath: `${KEYS_DIR}/${v.name}`, readOnly: true })),
              ],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: mib(64) } }, ...volumes],
        },
      },
    },
  };
}

/** What the Ingress must not pass to the web app (its /health and /metrics): a Service that selects no pod. */
export const NOT_PUBLIC = 'not-public';
const notPublic = (): IService => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: nameOf(NOT_PUBLIC), labels: PART_OF },
  spec: {
    type: 'ClusterIP',
    selector: selectorOf(NOT_PUBLIC),
    ports: [{ name: 'http', port: 80, targetPort: 80, protocol: 'TCP' }],
  },
});

function ingress(): IIngress {
  const to = (app: string, path: string, pathType: 'Prefix' | 'Exact'): IHTTPIngressPath => ({
    path,
    pathType,
    backend: { service: { name: nameOf(app), port: { name: 'http' } } },
  });
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'hearth', labels: PART_OF },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: [HOST], secretName: TLS_SECRET }],
      rules: [
        {
          host: HOST,
          http: {
            // The gateway's /health and /metrics stay inside: only the API, its documentation and the JWKS go out.
            // The web app's own go to a Service with no pods (the controller answers 503): longest prefix wins.
            paths: [
              to('gateway', '/api', 'Prefix'),
              to('gateway', '/docs', 'Prefix'),
              to('gateway', '/.well-known/jwks.json', 'Exact'),
              to(NOT_PUBLIC, '/health', 'Prefix'),
              to(NOT_PUBLIC, '/metrics', 'Prefix'),
              to('web', '/', 'Prefix'),
            ],
          },
        },
      ],
    },
  };
}

export const KUSTOMIZATION = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };

/** deploy/k8s/base: file name → what it holds. */
export function baseSources(): SourceDir {
  const files: SourceDir = {
    'config.yaml': [config()],
    'migrate.yaml': [migrateJob()],
    ...Object.fromEntries(APPS.map((a) => [`${a.name}.yaml`, [deployment(a), service(a), pdb(a)]])),
    'ingress.yaml': [ingress(), notPublic()],
    'network-policies.yaml': networkPolicies(),
  };
  return {
    'kustomization.yaml': { ...KUSTOMIZATION, namespace: NAMESPACE, resources: Object.keys(files) },
    ...files,
  };
}

/** An overlay: every Deployment at `replicas`; `region` adds an autoscaler per app from there. */
export function overlaySources(replicas: number, autoscaled: boolean): SourceDir {
  const extra: SourceDir = autoscaled ? { 'autoscalers.yaml': APPS.map((a) => hpa(a, replicas)) } : {};
  return {
    'kustomization.yaml': {
      ...KUSTOMIZATION,
      namespace: NAMESPACE,
      resources: ['../../base', ...Object.keys(extra)],
      replicas: APPS.map((a) => ({ name: nameOf(a.name), count: replicas })),
      images: [...APPS.map((a) => a.name), 'migrate'].map((a) => ({ name: imageOf(a), newTag: IMAGE_TAG })),
    },
    ...extra,
  };
}

export const OVERLAYS = { small: overlaySources(1, false), region: overlaySources(2, true) };
