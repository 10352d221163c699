import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/*
 * `kubectl kustomize` for the part of Kustomize that deploy/k8s uses, and nothing more (ADR 0084): no kustomize
 * binary can be had where Hearth is built and tested. A kustomization here may hold only `apiVersion`, `kind`,
 * `namespace`, `resources` (YAML files and directories with a kustomization.yaml), `replicas` and `images`
 * (`name`, `newName`, `newTag`); anything else is refused, so the sources cannot drift into what this does not
 * implement. Output is kustomize's default (legacy) order.
 */

export interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  replicas?: { name: string; count: number }[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'replicas', 'images']);
const IMAGE_FIELDS = new Set(['name', 'newName', 'newTag']);

/** Kinds that are not namespaced, among those the namespace transformer would meet. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PersistentVolume',
  'PriorityClass',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
]);

/** Kinds whose `spec.replicas` the replicas field sets. */
const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);

/** Kustomize's legacy order (kyaml resid.Gvk.IsLessThan): these first, in this order; the rest by GVK. */
const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Service',
  'LimitRange',
  'PriorityClass',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const ORDER_LAST = ['ValidatingWebhookConfiguration'];

const kindRank = (kind: string) => {
  const first = ORDER_FIRST.indexOf(kind);
  if (first >= 0) return first - ORDER_FIRST.length;
  const last = ORDER_LAST.indexOf(kind);
  return last >= 0 ? last + 1 : 0;
};

/** `group_version_kind` with kustomize's `~G` for the core group. */
function gvkString(r: Resource): string {
  const [group, version] = r.apiVersion.includes('/') ? r.apiVersion.split('/') : ['', r.apiVersion];
  return [group || '~G', version || '~V', r.kind || '~K'].join('_');
}

/** kyaml's ResId.String(): `<gvk>/<name>_<namespace>`. */
const idString = (r: Resource) =>
  `${gvkString(r)}/${r.metadata.name || '[noName]'}_${r.metadata.namespace || '[noNs]'}`;

const byte = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function legacyOrder(resources: Resource[]): Resource[] {
  return [...resources].sort((a, b) => {
    if (gvkString(a) !== gvkString(b)) {
      const rank = kindRank(a.kind) - kindRank(b.kind);
      return rank !== 0 ? rank : byte(gvkString(a), gvkString(b));
    }
    return byte(idString(a), idString(b));
  });
}

function readYaml(path: string): unknown[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((doc) => {
      if (doc.errors.length) throw new Error(`${path}: ${doc.errors[0].message}`);
      return doc.toJS() as unknown;
    })
    .filter((d) => d !== null && d !== undefined);
}

function readKustomization(dir: string): Kustomization {
  const [k] = readYaml(join(dir, 'kustomization.yaml')) as Kustomization[];
  for (const field of Object.keys(k)) {
    if (!SUPPORTED.has(field))
      throw new Error(`${dir}/kustomization.yaml: "${field}" is not supported by this renderer`);
  }
  for (const image of k.images ?? []) {
    for (const field of Object.keys(image)) {
      if (!IMAGE_FIELDS.has(field))
        throw new Error(`${dir}/kustomization.yaml: images[].${field} is not supported`);
    }
  }
  return k;
}

/** Every container list of a workload: its pod template's (Deployment, Job …), a bare Pod's, a CronJob's. */
function podSpecs(
  r: Resource,
): { containers?: { image?: string }[]; initContainers?: { image?: string }[] }[] {
  const spec = r.spec as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  return [spec, spec?.template?.spec, spec?.jobTemplate?.spec?.template?.spec].filter(
    (s) => s && (Array.isArray(s.containers) || Array.isArray(s.initContainers)),
  );
}

/** `name[:tag][@digest]` → its name (a registry's port stays in the name). */
function imageName(image: string): { name: string; rest: string } {
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = withoutDigest.lastIndexOf(':');
  const slash = withoutDigest.lastIndexOf('/');
  const name = colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
  return { name, rest: image.slice(name.length) };
}

function applyImages(resources: Resource[], images: NonNullable<Kustomization['images']>): void {
  for (const r of resources) {
    for (const spec of podSpecs(r)) {
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
        if (!c.image) continue;
        const { name, rest } = imageName(c.image);
        const rule = images.find((i) => i.name === name);
        if (!rule) continue;
        const tag = rule.newTag !== undefined ? `:${rule.newTag}` : rest;
        c.image = `${rule.newName ?? name}${tag}`;
      }
    }
  }
}

function key(r: Resource): string {
  return `${r.apiVersion} ${r.kind} ${r.metadata.namespace ?? ''} ${r.metadata.name}`;
}

/** Builds the kustomization in `dir`: what `kubectl kustomize <dir>` prints, as objects. */
export function build(dir: string): Resource[] {
  return legacyOrder(accumulate(dir));
}

function accumulate(dir: string): Resource[] {
  const k = readKustomization(dir);
  const resources: Resource[] = [];
  for (const entry of k.resources ?? []) {
    const path = join(dir, entry);
    const found = statSync(path).isDirectory() ? accumulate(path) : (readYaml(path) as Resource[]);
    for (const r of found) {
      if (resources.some((o) => key(o) === key(r))) throw new Error(`${dir}: ${key(r)} is defined twice`);
      resources.push(structuredClone(r));
    }
  }
  if (k.namespace) {
    for (const r of resources) if (!CLUSTER_SCOPED.has(r.kind)) r.metadata.namespace = k.namespace;
  }
  for (const { name, count } of k.replicas ?? []) {
    const targets = resources.filter((r) => SCALABLE.has(r.kind) && r.metadata.name === name);
    if (targets.length === 0) throw new Error(`${dir}: replicas names ${name}, which is no workload here`);
    for (const r of targets) (r.spec as { replicas?: number }).replicas = count;
  }
  if (k.images) applyImages(resources, k.images);
  return resources;
}
