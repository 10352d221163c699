import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { TenantsEnv } from '../../apps/tenants/src';
import { MembershipEnv } from '../../apps/membership/src';
import { EventsEnv } from '../../apps/events/src';
import { ReportingEnv } from '../../apps/reporting/src';
import { DirectoryEnv } from '../../apps/directory/src';
import { VolunteeringEnv } from '../../apps/volunteering/src';
import { AdvocacyEnv } from '../../apps/advocacy/src';
import { WebhooksEnv } from '../../apps/webhooks/src';
import { NATS_SERVICES } from '@hearth/contracts';
import { documentedVariables } from '../docs/configuration-doc.util';
import { APPS, INGRESS_NAMESPACE, SERVICES } from './apps';
import { build, type Resource } from './kustomize';
import { DRAIN_SECONDS } from './manifests';
import { PUBLIC_ADDRESSES } from './network-policies';
import { allSources, K8S_DIR, OVERLAY_NAMES, renderedText } from './render';

/* eslint-disable @typescript-eslint/no-explicit-any -- walking plain manifests */

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(K8S_DIR, path), 'utf8');
const parse = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Resource);

/** Validated with kubernetes-models (an ES module: loaded natively, past jest's CommonJS require). */
const esm = new Function('s', 'return import(s)') as (s: string) => Promise<Record<string, any>>;
const MODELS: Record<string, string> = {
  'v1/ConfigMap': 'kubernetes-models/v1',
  'v1/Service': 'kubernetes-models/v1',
  'apps/v1/Deployment': 'kubernetes-models/apps/v1',
  'batch/v1/Job': 'kubernetes-models/batch/v1',
  'policy/v1/PodDisruptionBudget': 'kubernetes-models/policy/v1',
  'autoscaling/v2/HorizontalPodAutoscaler': 'kubernetes-models/autoscaling/v2',
  'networking.k8s.io/v1/Ingress': 'kubernetes-models/networking.k8s.io/v1',
  'networking.k8s.io/v1/NetworkPolicy': 'kubernetes-models/networking.k8s.io/v1',
};

const rendered = Object.fromEntries(OVERLAY_NAMES.map((o) => [o, parse(read(`rendered/${o}/hearth.yaml`))]));
const everyObject = Object.values(rendered).flat();
const ofKind = (objects: Resource[], kind: string) => objects.filter((o) => o.kind === kind) as any[];
const podSpecOf = (o: any) => o.spec.template.spec;
const containersOf = (o: any): any[] => [...(podSpecOf(o).initContainers ?? []), ...podSpecOf(o).containers];
const appOf = (o: any): string => o.metadata.labels['app.kubernetes.io/name'];

describe('deploy/k8s', () => {
  it('holds the sources the model in tools/k8s writes (npm run k8s:render)', () => {
    for (const [dir, files] of Object.entries(allSources())) {
      expect({ dir, files: readdirSync(join(K8S_DIR, dir)).sort() }).toEqual({
        dir,
        files: Object.keys(files).sort(),
      });
      for (const [name, text] of Object.entries(files))
        expect({ file: `${dir}/${name}`, text: read(`${dir}/${name}`) }).toEqual({
          file: `${dir}/${name}`,
          text,
        });
    }
  });

  it.each(OVERLAY_NAMES)('holds in rendered/%s what its overlay builds to', (overlay) => {
    expect(read(`rendered/${overlay}/hearth.yaml`)).toEqual(
      renderedText(build(join(K8S_DIR, 'overlays', overlay))),
    );
  });

  it('has only objects that kubernetes-models validates', async () => {
    expect(everyObject.length).toBeGreaterThan(40);
    for (const o of everyObject) {
      const module = MODELS[`${o.apiVersion}/${o.kind}`];
      expect({ kind: o.kind, module }).toEqual({ kind: o.kind, module: expect.any(String) });
      const Model = (await esm(module))[o.kind];
      expect(() => new Model(o).validate()).not.toThrow();
    }
    // The validation bites: a wrong type and a missing required field are refused.
    const { Deployment } = await esm('kubernetes-models/apps/v1');
    const deployment = ofKind(everyObject, 'Deployment')[0];
    expect(() =>
      new Deployment({ ...deployment, spec: { ...deployment.spec, replicas: 'two' } }).validate(),
    ).toThrow();
    expect(() =>
      new Deployment({ ...deployment, spec: { ...deployment.spec, selector: undefined } }).validate(),
    ).toThrow();
  });

  it('deploys every app in apps/ that runs as a deployment, and migrate as a Job', () => {
    expect(SERVICES).toEqual([...NATS_SERVICES]);
    const apps = readdirSync(join(ROOT, 'apps')).filter((a) =>
      existsSync(join(ROOT, 'apps', a, 'src/main.ts')),
    );
    for (const objects of Object.values(rendered)) {
      expect(ofKind(objects, 'Deployment').map(appOf).sort()).toEqual(
        apps.filter((a) => !['standalone', 'migrate'].includes(a)).sort(),
      );
      expect(ofKind(objects, 'Job').map(appOf)).toEqual(['migrate']);
    }
  });

  it('runs one replica of each app in small, two or more with an autoscaler from there in region', () => {
    expect(ofKind(rendered.small, 'Deployment').map((d) => d.spec.replicas)).toEqual(APPS.map(() => 1));
    expect(ofKind(rendered.small, 'HorizontalPodAutoscaler')).toEqual([]);
    for (const d of ofKind(rendered.region, 'Deployment')) {
      const hpa = ofKind(rendered.region, 'HorizontalPodAutoscaler').find(
        (h) => h.spec.scaleTargetRef.name === d.metadata.name,
      );
      expect([
        d.metadata.name,
        d.spec.replicas >= 2,
        hpa?.spec.minReplicas,
        hpa?.spec.maxReplicas > d.spec.replicas,
      ]).toEqual([d.metadata.name, true, d.spec.replicas, true]);
    }
  });

  it('runs every container as uid 1000, read-only, without capabilities, with requests and limits', () => {
    for (const w of [...ofKind(everyObject, 'Deployment'), ...ofKind(everyObject, 'Job')]) {
      const pod = podSpecOf(w);
      expect([w.metadata.name, pod.securityContext]).toEqual([
        w.metadata.name,
        expect.objectContaining({
          runAsNonRoot: true,
          runAsUser: 1000,
          seccompProfile: { type: 'RuntimeDefault' },
        }),
      ]);
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const c of containersOf(w)) {
        expect([w.metadata.name, c.name, c.securityContext]).toEqual([
          w.metadata.name,
          c.name,
          expect.objectContaining({
            runAsNonRoot: true,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
          }),
        ]);
        for (const r of ['requests', 'limits'])
          expect(Object.keys(c.resources[r] ?? {}).sort()).toEqual(['cpu', 'memory']);
        expect(c.image).toMatch(/^hearth\/[a-z]+:\d+\.\d+\.\d+$/);
      }
    }
  });

  it('probes each app on its health port, scrapes /metrics there, and drains before it stops', () => {
    const healthPorts: Record<string, number> = Object.fromEntries(
      [
        TenantsEnv,
        MembershipEnv,
        EventsEnv,
        ReportingEnv,
        DirectoryEnv,
        VolunteeringEnv,
        AdvocacyEnv,
        WebhooksEnv,
      ].map((E, i) => [SERVICES[i], new E().HEALTH_PORT]),
    );
    for (const d of ofKind(everyObject, 'Deployment')) {
      const [c] = podSpecOf(d).containers;
      const [port] = c.ports;
      const env = Object.fromEntries(c.env.map((e: any) => [e.name, e.value]));
      // A service's health port is its HEALTH_PORT (the schema's default); the gateway's and web's, their PORT.
      expect([appOf(d), port.containerPort]).toEqual([appOf(d), Number(env.HEALTH_PORT ?? env.PORT)]);
      if (healthPorts[appOf(d)]) expect(port.containerPort).toBe(healthPorts[appOf(d)]);
      expect([c.livenessProbe.httpGet, c.readinessProbe.httpGet]).toEqual([
        { path: '/health/live', port: port.name },
        { path: '/health/ready', port: port.name },
      ]);
      expect(d.spec.template.metadata.annotations).toEqual({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(port.containerPort),
        'prometheus.io/path': '/metrics',
      });
      expect(c.lifecycle.preStop.exec.command).toEqual(['sleep', String(DRAIN_SECONDS)]);
      expect(podSpecOf(d).terminationGracePeriodSeconds).toBeGreaterThan(DRAIN_SECONDS + 10);
    }
  });

  it('references every secret and inlines none', () => {
    expect(ofKind(everyObject, 'Secret')).toEqual([]);
    const secretish = /PASSWORD|SECRET|KEY$|KEYS$|DATABASE_URL|SMTP_URL|EMAIL/;
    for (const w of [...ofKind(everyObject, 'Deployment'), ...ofKind(everyObject, 'Job')]) {
      const mounts = new Map(
        podSpecOf(w)
          .volumes.filter((v: any) => v.secret)
          .map((v: any) => [v.name, v.secret]),
      );
      for (const c of containersOf(w)) {
        for (const e of c.env ?? []) {
          if (secretish.test(e.name))
            expect([w.metadata.name, e.name, e.valueFrom?.secretKeyRef?.name]).toEqual([
              w.metadata.name,
              e.name,
              expect.any(String),
            ]);
          if (e.name.endsWith('_FILE')) {
            const mount = (c.volumeMounts ?? []).find((m: any) => e.value.startsWith(`${m.mountPath}/`));
            const secret: any = mount && mounts.get(mount.name);
            expect([e.name, secret?.items.map((i: any) => i.path)]).toEqual([
              e.name,
              expect.arrayContaining([e.value.slice(mount.mountPath.length + 1)]),
            ]);
          }
        }
      }
    }
  });

  it('speaks to NATS over TLS only, with the NATS CA mounted, as deploy/k8s/nats/values.yaml requires', () => {
    const natsValues = readFileSync(join(K8S_DIR, 'nats', 'values.yaml'), 'utf8');
    expect(natsValues).toMatch(/tlsCA:\s*\n\s*enabled: true\s*\n\s*secretName: nats-ca/);
    const config = ofKind(everyObject, 'ConfigMap').find((m) => m.metadata.name === 'hearth-config');
    expect(config?.data?.NATS_URL).toBe('tls://nats:4222');
    let speakers = 0;
    for (const w of [...ofKind(everyObject, 'Deployment'), ...ofKind(everyObject, 'Job')]) {
      for (const c of containersOf(w).filter((c: any) =>
        (c.env ?? []).some((e: any) => e.name === 'NATS_URL'),
      )) {
        speakers++;
        const ca = (c.env ?? []).find((e: any) => e.name === 'NATS_TLS_CA_FILE');
        const mount = (c.volumeMounts ?? []).find((m: any) => ca?.value.startsWith(`${m.mountPath}/`));
        const volume = podSpecOf(w).volumes.find((v: any) => v.name === mount?.name);
        expect([w.metadata.name, volume?.secret?.secretName, ca?.value.endsWith('/ca.crt')]).toEqual([
          w.metadata.name,
          'nats-ca',
          true,
        ]);
      }
    }
    // Each overlay: the eight services, the gateway and migrate.
    expect(speakers).toBe(OVERLAY_NAMES.length * (SERVICES.length + 2));
  });

  it('sets only variables docs/configuration.md lists for the app that reads them', () => {
    const documented = documentedVariables(readFileSync(join(ROOT, 'docs/configuration.md'), 'utf8'), [
      ...APPS.map((a) => a.name),
      'migrate',
      'standalone',
    ]).byApp;
    for (const w of [...ofKind(everyObject, 'Deployment'), ...ofKind(everyObject, 'Job')]) {
      for (const c of containersOf(w)) {
        // The init container runs migrate's code (wait-for-migrations) in the app's image.
        const reader = c.name === 'wait-for-migrations' ? 'migrate' : appOf(w);
        for (const e of c.env ?? []) {
          expect([reader, e.name, documented.get(reader)?.includes(e.name)]).toEqual([reader, e.name, true]);
        }
      }
    }
  });

  it('gives every Hearth pod a NetworkPolicy: NATS, PostgreSQL and DNS out, the internet only where needed', () => {
    for (const objects of Object.values(rendered)) {
      const policies = ofKind(objects, 'NetworkPolicy');
      const workloads = [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')];
      for (const w of workloads) {
        const labels = w.spec.template.metadata.labels;
        const mine = policies.filter((p) =>
          Object.entries(p.spec.podSelector.matchLabels).every(([k, v]) => labels[k] === v),
        );
        expect([appOf(w), mine.length, mine[0]?.spec.policyTypes]).toEqual([
          appOf(w),
          1,
          ['Ingress', 'Egress'],
        ]);
        const spec = APPS.find((a) => a.name === appOf(w));
        const out = mine[0].spec.egress;
        expect(out.some((r: any) => JSON.stringify(r.to) === JSON.stringify(PUBLIC_ADDRESSES))).toBe(
          spec?.egress.includes('internet') ?? false,
        );
        for (const rule of out) expect([appOf(w), rule.to?.length > 0]).toEqual([appOf(w), true]);
        const fromIngress = (mine[0].spec.ingress ?? []).some((r: any) =>
          r.from.some(
            (f: any) =>
              f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === INGRESS_NAMESPACE,
          ),
        );
        expect([appOf(w), fromIngress]).toEqual([appOf(w), ['gateway', 'web'].includes(appOf(w))]);
      }
    }
    expect(APPS.filter((a) => a.egress.includes('internet')).map((a) => a.name)).toEqual([
      'tenants',
      'membership',
      'directory',
      'volunteering',
      'webhooks',
    ]);
  });

  it('routes the API, its documentation and the JWKS to the gateway and the rest to the web app, over TLS', () => {
    const [ingress] = ofKind(rendered.region, 'Ingress');
    expect(ingress.spec.tls[0].secretName).toEqual(expect.any(String));
    expect(ingress.spec.rules[0].http.paths.map((p: any) => [p.path, p.backend.service.name])).toEqual([
      ['/api', 'hearth-gateway'],
      ['/docs', 'hearth-gateway'],
      ['/.well-known/jwks.json', 'hearth-gateway'],
      ['/health', 'hearth-not-public'],
      ['/metrics', 'hearth-not-public'],
      ['/', 'hearth-web'],
    ]);
    // The web app's /health and /metrics lead to a Service that selects no pod.
    const notPublic = ofKind(rendered.region, 'Service').find((s) => s.metadata.name === 'hearth-not-public');
    const selects = (labels: Record<string, string>) =>
      Object.entries(notPublic.spec.selector).every(([k, v]) => labels[k] === v);
    const pods = [...ofKind(everyObject, 'Deployment'), ...ofKind(everyObject, 'Job')];
    expect(pods.filter((w) => selects(w.spec.template.metadata.labels))).toEqual([]);
  });
});
