/*
 * What Hearth runs on Kubernetes, app by app (ADR 0084): ports, variables, secrets, where each may connect, and
 * how much CPU a replica is given. `manifests.ts` turns this into the Kustomize sources under deploy/k8s/.
 */

/** The services (standalone is the one-machine runtime; migrate is a Job), each with its HEALTH_PORT default. */
const HEALTH_PORTS = {
  tenants: 3101,
  membership: 3102,
  events: 3103,
  reporting: 3104,
  directory: 3105,
  volunteering: 3106,
  advocacy: 3107,
  webhooks: 3108,
} as const;
export type ServiceName = keyof typeof HEALTH_PORTS;
export const SERVICES = Object.keys(HEALTH_PORTS) as ServiceName[];
/** Every Hearth app that runs as a Deployment. */
export type AppName = ServiceName | 'gateway' | 'web';

/** A variable: a fixed value, a key of the `hearth-config` ConfigMap, or a key of a Secret (never inlined). */
export type EnvSource =
  { value: string } | { config: ConfigKey } | { secret: string; key: string; optional?: boolean };

/** A PEM key mounted from a Secret: `<variable>_FILE` points at it. */
export interface KeyFile {
  variable: string;
  secret: string;
  key: string;
}

/** Where an app may connect besides DNS. `internet`: public addresses only (what safe-fetch allows anyway). */
export type Egress = 'nats' | 'postgres' | 'gateway' | 'internet';

export interface AppSpec {
  name: AppName;
  component: 'service' | 'api' | 'web';
  /** The port its /health/live, /health/ready and /metrics answer on (the gateway's and web's HTTP port). */
  port: number;
  env: Record<string, EnvSource>;
  keys: KeyFile[];
  egress: Egress[];
  /** Why it needs the internet, for the NetworkPolicy's comment and the ADR. */
  internetBecause?: string;
  /** Takes traffic from the ingress controller. */
  public: boolean;
  sizing: Sizing;
  /** The region overlay's HorizontalPodAutoscaler ceiling. */
  maxReplicas: number;
}

/**
 * A replica's CPU request is the CPU one request (or projected event) costs, from the bench's per-process
 * profile (docs/performance.md, "Where the CPU goes"), times the rate one replica is meant to carry at its
 * request; the autoscaler adds replicas at 70 % of it. Apps the bench does not profile borrow the figure of the
 * most alike measured path (`measured: false`).
 */
export interface Sizing {
  cpuMsPerRequest: number;
  measured: boolean;
  /** What the figure is: which bench path, which process. */
  source: string;
  requestsPerSecond: number;
}

/** The ConfigMap `hearth-config`: non-secret settings an operator changes for their cluster. */
export const CONFIG = {
  // NATS takes clients over TLS only (deploy/k8s/nats/values.yaml, ADR 0085): its CA is mounted as NATS_TLS_CA_FILE.
  NATS_URL: 'tls://nats:4222',
  NATS_STREAM_REPLICAS: '3',
  LOG_LEVEL: 'info',
  PUBLIC_URL: 'https://hearth.example.org',
  PASSPORT_ISSUER_URL: 'https://hearth.example.org',
  SMTP_FROM: 'Hearth <no-reply@hearth.example.org>',
  API_URL: 'http://hearth-gateway:3000',
  // Only the ingress controller and the web app's pods may reach the gateway and web (NetworkPolicy), all from
  // the cluster's private pod network: believing X-Forwarded-For from private addresses believes exactly them.
  TRUST_PROXY: '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16',
} as const;
export type ConfigKey = keyof typeof CONFIG;

/** The public host of the Ingress (web app at /, the API at /api, /docs and /.well-known/jwks.json). */
export const HOST = 'hearth.example.org';
export const TLS_SECRET = 'hearth-tls';
export const NAMESPACE = 'hearth';
/** Images as `docker build -f deploy/Dockerfile --build-arg APP=<app> -t hearth/<app> .` names them. */
export const IMAGE_TAG = '0.1.0';
export const imageOf = (app: string) => `hearth/${app}`;

/** Where NATS and PostgreSQL run (deploy/k8s/nats/values.yaml, deploy/k8s/cnpg/cluster.yaml): their pods' labels. */
export const NATS_PODS = { 'app.kubernetes.io/name': 'nats' };
export const NATS_PORT = 4222;
export const POSTGRES_PODS = { 'cnpg.io/cluster': 'hearth-db' };
export const POSTGRES_PORT = 5432;
/** The namespaces of the ingress controller and of Prometheus (their `kubernetes.io/metadata.name`). */
export const INGRESS_NAMESPACE = 'ingress-nginx';
export const MONITORING_NAMESPACE = 'monitoring';

/** Secrets the operator makes (deploy/README.md, "Kubernetes"); the manifests only name them. */
export const SECRETS = {
  publicKeys: 'hearth-public-keys',
  jwtSigning: 'hearth-jwt-signing',
  gatewaySigning: 'hearth-gateway-signing',
  passportSigning: 'hearth-passport-signing',
  smtp: 'hearth-smtp',
  migrate: 'hearth-migrate',
  /** The CA of NATS's client and route certificates (the values file's `tlsCA`), e.g. cert-manager's. */
  natsCa: 'nats-ca',
} as const;
export const appSecret = (app: AppName) => `hearth-${app}`;

const own = (app: AppName, key: string, optional?: boolean): EnvSource =>
  optional ? { secret: appSecret(app), key, optional } : { secret: appSecret(app), key };

/** Every app that speaks to NATS verifies its certificate against this CA. */
export const NATS_CA: KeyFile = { variable: 'NATS_TLS_CA_FILE', secret: SECRETS.natsCa, key: 'ca.crt' };

const PUBLIC_KEYS: KeyFile[] = [
  { variable: 'JWT_PUBLIC_KEY_FILE', secret: SECRETS.publicKeys, key: 'jwt_public.pem' },
  { variable: 'GATEWAY_PUBLIC_KEY_FILE', secret: SECRETS.publicKeys, key: 'gateway_public.pem' },
];

/** What every service has: its own database role, its own NATS user, its health port. */
function service(
  name: ServiceName,
  extra: Partial<Pick<AppSpec, 'env' | 'keys' | 'egress' | 'internetBecause'>> & {
    sizing: Sizing;
    maxReplicas: number;
  },
): AppSpec {
  return {
    name,
    component: 'service',
    port: HEALTH_PORTS[name],
    env: {
      DATABASE_URL: own(name, 'database-url'),
      NATS_URL: { config: 'NATS_URL' },
      NATS_PASSWORD: own(name, 'nats-password'),
      HEALTH_PORT: { value: String(HEALTH_PORTS[name]) },
      LOG_LEVEL: { config: 'LOG_LEVEL' },
      ...extra.env,
    },
    keys: [...(extra.keys ?? PUBLIC_KEYS), NATS_CA],
    egress: ['nats', 'postgres', ...(extra.egress ?? [])],
    internetBecause: extra.internetBecause,
    public: false,
    sizing: extra.sizing,
    maxReplicas: extra.maxReplicas,
  };
}

const borrowed = (requestsPerSecond: number): Sizing => ({
  cpuMsPerRequest: 0.74,
  measured: false,
  source: "read-member's service-side cost (membership: one query per request), borrowed",
  requestsPerSecond,
});

/** The gateway's and web's HTTP server: every address of the pod, on `port`. */
const listenOn = (port: number): Record<string, EnvSource> => ({
  HOST: { value: '0.0.0.0' },
  PORT: { value: String(port) },
});

const SMTP: Record<string, EnvSource> = {
  PUBLIC_URL: { config: 'PUBLIC_URL' },
  SMTP_URL: { secret: SECRETS.smtp, key: 'url', optional: true },
  SMTP_FROM: { config: 'SMTP_FROM' },
};

export const APPS: AppSpec[] = [
  service('tenants', {
    env: {
      TOTP_ENCRYPTION_KEY: own('tenants', 'totp-encryption-key'),
      HEARTH_ADMIN_EMAIL: own('tenants', 'admin-email', true),
      HEARTH_ADMIN_PASSWORD: own('tenants', 'admin-password', true),
      ...SMTP,
    },
    keys: [
      { variable: 'JWT_PRIVATE_KEY_FILE', secret: SECRETS.jwtSigning, key: 'jwt_private.pem' },
      PUBLIC_KEYS[1],
    ],
    egress: ['internet'],
    internetBecause:
      'SMTP (invitations, password resets, digests) and OpenID Connect providers (single sign-on)',
    sizing: {
      cpuMsPerRequest: 2.6,
      measured: true,
      source:
        "a member page's calls, tenants process (`web-member`, docs/capacity.md); sign-in's argon2 is extra",
      requestsPerSecond: 50,
    },
    maxReplicas: 4,
  }),
  service('membership', {
    env: SMTP,
    egress: ['internet'],
    internetBecause: 'SMTP (session reminders)',
    sizing: {
      cpuMsPerRequest: 0.74,
      measured: true,
      source: 'read-member, membership process',
      requestsPerSecond: 150,
    },
    maxReplicas: 4,
  }),
  service('events', {
    env: { EVENTS_PARTICIPANT_KEY_SECRET: own('events', 'participant-key-secret') },
    sizing: {
      cpuMsPerRequest: 1.59,
      measured: true,
      source: 'check-in, events process',
      requestsPerSecond: 100,
    },
    maxReplicas: 6,
  }),
  service('reporting', {
    env: { REPORTING_MEMBER_KEY_SECRET: own('reporting', 'member-key-secret') },
    sizing: {
      cpuMsPerRequest: 0.94,
      measured: true,
      source: 'check-in, reporting process (one projected event)',
      requestsPerSecond: 100,
    },
    maxReplicas: 4,
  }),
  service('directory', {
    egress: ['internet'],
    internetBecause: "imports of councils' Open Referral UK feeds (safe-fetch: public addresses only)",
    sizing: {
      cpuMsPerRequest: 1.5,
      measured: true,
      source: 'directory-search made afresh, directory process',
      requestsPerSecond: 100,
    },
    maxReplicas: 4,
  }),
  service('volunteering', {
    env: { PASSPORT_ISSUER_URL: { config: 'PASSPORT_ISSUER_URL' } },
    keys: [
      ...PUBLIC_KEYS,
      { variable: 'PASSPORT_PRIVATE_KEY_FILE', secret: SECRETS.passportSigning, key: 'passport_private.pem' },
    ],
    egress: ['internet'],
    internetBecause: "trusted deployments' JWKS and status lists (PASSPORT_TRUSTED_JWKS, safe-fetch)",
    sizing: borrowed(50),
    maxReplicas: 3,
  }),
  service('advocacy', {
    env: { ADVOCACY_RESPONDENT_KEY: own('advocacy', 'respondent-key') },
    sizing: borrowed(50),
    maxReplicas: 3,
  }),
  service('webhooks', {
    env: { WEBHOOKS_SECRET_KEYS: own('webhooks', 'secret-keys') },
    egress: ['internet'],
    internetBecause: "deliveries to LEROs' webhook receivers (safe-fetch: public addresses only)",
    sizing: borrowed(50),
    maxReplicas: 3,
  }),
  {
    name: 'gateway',
    component: 'api',
    port: 3000,
    env: {
      ...listenOn(3000),
      NATS_URL: { config: 'NATS_URL' },
      NATS_PASSWORD: own('gateway', 'nats-password'),
      TRUST_PROXY: { config: 'TRUST_PROXY' },
      LOG_LEVEL: { config: 'LOG_LEVEL' },
    },
    keys: [
      PUBLIC_KEYS[0],
      { variable: 'GATEWAY_PRIVATE_KEY_FILE', secret: SECRETS.gatewaySigning, key: 'gateway_private.pem' },
      NATS_CA,
    ],
    egress: ['nats'],
    public: true,
    sizing: {
      cpuMsPerRequest: 1.34,
      measured: true,
      source: 'check-in, gateway process',
      requestsPerSecond: 150,
    },
    maxReplicas: 6,
  },
  {
    name: 'web',
    component: 'web',
    port: 3001,
    env: {
      ...listenOn(3001),
      API_URL: { config: 'API_URL' },
      SESSION_SECRET: own('web', 'session-secret'),
      PUBLIC_URL: { config: 'PUBLIC_URL' },
      TRUST_PROXY: { config: 'TRUST_PROXY' },
      LOG_LEVEL: { config: 'LOG_LEVEL' },
    },
    keys: [],
    egress: ['gateway'],
    public: true,
    sizing: {
      cpuMsPerRequest: 3,
      measured: true,
      source: 'a member page, web process (`bench/profile.ts web-member --cpu-share`, docs/capacity.md)',
      requestsPerSecond: 50,
    },
    maxReplicas: 4,
  },
];

/** CPU request in millicores: cost × rate, rounded up to 25m. */
export const cpuRequestMillis = (s: Sizing) => Math.ceil((s.cpuMsPerRequest * s.requestsPerSecond) / 25) * 25;

/** Names and labels: `hearth-<app>`, selected by app name and `part-of: hearth`. */
export const PART_OF = { 'app.kubernetes.io/part-of': 'hearth' };
export const selectorOf = (app: string) => ({ 'app.kubernetes.io/name': app, ...PART_OF });
export const labelsOf = (app: string, component: string) => ({
  ...selectorOf(app),
  'app.kubernetes.io/component': component,
});
export const nameOf = (app: string) => `hearth-${app}`;
