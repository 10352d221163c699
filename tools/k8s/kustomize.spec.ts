import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, legacyOrder, type Resource } from './kustomize';
import { toYaml } from './render';

/** The renderer does what `kubectl kustomize` does for the fields deploy/k8s uses, and refuses the rest. */
describe('the Kustomize subset renderer', () => {
  let root: string;
  const write = (path: string, docs: unknown[]) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), toYaml(docs));
  };
  const res = (
    kind: string,
    name: string,
    extra: Record<string, unknown> = {},
    apiVersion = 'v1',
  ): Resource => ({
    apiVersion,
    kind,
    metadata: { name },
    ...extra,
  });
  const deployment = (name: string, image: string, init?: string) =>
    res(
      'Deployment',
      name,
      {
        spec: {
          replicas: 1,
          template: {
            spec: {
              ...(init ? { initContainers: [{ name: 'init', image: init }] } : {}),
              containers: [{ name: 'app', image }],
            },
          },
        },
      },
      'apps/v1',
    );
  const kustomization = (fields: Record<string, unknown>) => [
    { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', ...fields },
  ];

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hearth-kustomize-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('puts namespaced objects of a base and an overlay in the overlay’s namespace, cluster-scoped ones in none', () => {
    write('base/app.yaml', [
      res('ConfigMap', 'c'),
      res('ClusterRole', 'r', {}, 'rbac.authorization.k8s.io/v1'),
    ]);
    write('base/kustomization.yaml', kustomization({ namespace: 'one', resources: ['app.yaml'] }));
    write('overlay/extra.yaml', [res('Service', 's')]);
    write(
      'overlay/kustomization.yaml',
      kustomization({ namespace: 'two', resources: ['../base', 'extra.yaml'] }),
    );

    expect(build(join(root, 'base')).map((r) => [r.kind, r.metadata.namespace])).toEqual([
      ['ClusterRole', undefined],
      ['ConfigMap', 'one'],
    ]);
    expect(build(join(root, 'overlay')).map((r) => [r.kind, r.metadata.namespace])).toEqual([
      ['ClusterRole', undefined],
      ['ConfigMap', 'two'],
      ['Service', 'two'],
    ]);
  });

  it('sets the replicas of the named workload only', () => {
    write('base/app.yaml', [deployment('a', 'x'), deployment('b', 'x')]);
    write('base/kustomization.yaml', kustomization({ resources: ['app.yaml'] }));
    write(
      'o/kustomization.yaml',
      kustomization({ resources: ['../base'], replicas: [{ name: 'b', count: 3 }] }),
    );
    expect(
      build(join(root, 'o')).map((r) => [r.metadata.name, (r.spec as { replicas: number }).replicas]),
    ).toEqual([
      ['a', 1],
      ['b', 3],
    ]);
  });

  it('rewrites images by name, in init containers too, keeping a tag it is not told to change', () => {
    write('base/app.yaml', [
      deployment('a', 'hearth/a', 'hearth/a'),
      deployment('b', 'registry:5000/hearth/b:old'),
      deployment('c', 'hearth/c@sha256:abc'),
      deployment('d', 'hearth/abc:1'),
    ]);
    write('base/kustomization.yaml', kustomization({ resources: ['app.yaml'] }));
    write(
      'o/kustomization.yaml',
      kustomization({
        resources: ['../base'],
        images: [
          { name: 'hearth/a', newTag: '1.2.3' },
          { name: 'registry:5000/hearth/b', newName: 'example.org/b' },
          { name: 'hearth/c', newTag: '2' },
          { name: 'hearth/ab', newTag: 'never' },
        ],
      }),
    );
    const images = build(join(root, 'o')).map((r) => {
      const spec = (r.spec as { template: { spec: Record<string, { image: string }[]> } }).template.spec;
      return [...(spec.initContainers ?? []), ...spec.containers].map((c) => c.image);
    });
    expect(images).toEqual([
      ['hearth/a:1.2.3', 'hearth/a:1.2.3'],
      ['example.org/b:old'],
      ['hearth/c:2'],
      ['hearth/abc:1'],
    ]);
  });

  it('orders as kustomize’s legacy order: listed kinds first, then by group, version and kind, then by name', () => {
    const ordered = legacyOrder([
      res('HorizontalPodAutoscaler', 'x', {}, 'autoscaling/v2'),
      res('NetworkPolicy', 'b', {}, 'networking.k8s.io/v1'),
      res('Ingress', 'a', {}, 'networking.k8s.io/v1'),
      res('PodDisruptionBudget', 'p', {}, 'policy/v1'),
      res('Job', 'j', {}, 'batch/v1'),
      deployment('hearth-web', 'x'),
      deployment('hearth', 'x'),
      res('Service', 's'),
      res('ConfigMap', 'c'),
      res('Namespace', 'n'),
    ]);
    expect(ordered.map((r) => `${r.kind}/${r.metadata.name}`)).toEqual([
      'Namespace/n',
      'ConfigMap/c',
      'Service/s',
      // "hearth-web_" sorts before "hearth_" in kustomize's id strings ('-' < '_').
      'Deployment/hearth-web',
      'Deployment/hearth',
      'PodDisruptionBudget/p',
      'HorizontalPodAutoscaler/x',
      'Job/j',
      'Ingress/a',
      'NetworkPolicy/b',
    ]);
  });

  it('refuses what it does not implement, and an object defined twice', () => {
    write('a/app.yaml', [res('ConfigMap', 'c')]);
    write('a/kustomization.yaml', kustomization({ resources: ['app.yaml'], commonLabels: { a: 'b' } }));
    expect(() => build(join(root, 'a'))).toThrow('"commonLabels" is not supported');

    write(
      'b/kustomization.yaml',
      kustomization({ resources: ['../a/app.yaml'], images: [{ name: 'x', digest: 'y' }] }),
    );
    expect(() => build(join(root, 'b'))).toThrow('images[].digest is not supported');

    write('c/kustomization.yaml', kustomization({ resources: ['../a/app.yaml', '../a/app.yaml'] }));
    expect(() => build(join(root, 'c'))).toThrow('is defined twice');

    write(
      'd/kustomization.yaml',
      kustomization({ resources: ['../a/app.yaml'], replicas: [{ name: 'c', count: 2 }] }),
    );
    expect(() => build(join(root, 'd'))).toThrow('replicas names c, which is no workload here');
  });
});
