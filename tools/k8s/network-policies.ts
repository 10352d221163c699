import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyEgressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyEgressRule';
import type { INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import {
  APPS,
  INGRESS_NAMESPACE,
  MONITORING_NAMESPACE,
  NATS_PODS,
  NATS_PORT,
  POSTGRES_PODS,
  POSTGRES_PORT,
  nameOf,
  PART_OF,
  selectorOf,
  type AppSpec,
} from './apps';

/*
 * Who may talk to whom (ADR 0084): each Hearth pod gets one NetworkPolicy for both directions. Out: DNS, NATS and
 * PostgreSQL (the web app: the gateway instead), and public addresses for the apps that send email, call identity
 * providers, fetch feeds or deliver webhooks. In: Prometheus on the health port, and the ingress controller for
 * the gateway and the web app (the gateway also from the web app).
 */

const anyNamespace = (podLabels: Record<string, string>): INetworkPolicyPeer => ({
  namespaceSelector: {},
  podSelector: { matchLabels: podLabels },
});
const namespaceNamed = (name: string): INetworkPolicyPeer => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } },
});
const tcp = (port: number | string): INetworkPolicyPort => ({ protocol: 'TCP', port });
/** Every address outside the private, loopback, link-local and shared ranges (safe-fetch refuses those too). */
export const PUBLIC_ADDRESSES: INetworkPolicyPeer[] = [
  {
    ipBlock: {
      cidr: '0.0.0.0/0',
      except: [
        '10.0.0.0/8',
        '172.16.0.0/12',
        '192.168.0.0/16',
        '100.64.0.0/10',
        '169.254.0.0/16',
        '127.0.0.0/8',
      ],
    },
  },
  { ipBlock: { cidr: '::/0', except: ['fc00::/7', 'fe80::/10', '::1/128'] } },
];
const DNS: INetworkPolicyEgressRule = {
  to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};

function networkPolicy(
  name: string,
  podLabels: Record<string, string>,
  spec: { ingress: INetworkPolicyIngressRule[]; egress: INetworkPolicyEgressRule[] },
): INetworkPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, labels: PART_OF },
    spec: { podSelector: { matchLabels: podLabels }, policyTypes: ['Ingress', 'Egress'], ...spec },
  };
}

function appPolicy(app: AppSpec): INetworkPolicy {
  const egress: INetworkPolicyEgressRule[] = [DNS];
  if (app.egress.includes('nats')) egress.push({ to: [anyNamespace(NATS_PODS)], ports: [tcp(NATS_PORT)] });
  if (app.egress.includes('postgres'))
    egress.push({ to: [anyNamespace(POSTGRES_PODS)], ports: [tcp(POSTGRES_PORT)] });
  if (app.egress.includes('gateway'))
    egress.push({ to: [{ podSelector: { matchLabels: selectorOf('gateway') } }], ports: [tcp(3000)] });
  if (app.egress.includes('internet')) egress.push({ to: PUBLIC_ADDRESSES });
  const from = [namespaceNamed(MONITORING_NAMESPACE)];
  if (app.public) from.push(namespaceNamed(INGRESS_NAMESPACE));
  if (app.name === 'gateway') from.push({ podSelector: { matchLabels: selectorOf('web') } });
  return networkPolicy(nameOf(app.name), selectorOf(app.name), {
    ingress: [{ from, ports: [tcp(app.port)] }],
    egress,
  });
}

const migratePolicy = () =>
  networkPolicy(nameOf('migrate'), selectorOf('migrate'), {
    ingress: [],
    egress: [
      DNS,
      { to: [anyNamespace(NATS_PODS)], ports: [tcp(NATS_PORT)] },
      { to: [anyNamespace(POSTGRES_PODS)], ports: [tcp(POSTGRES_PORT)] },
    ],
  });

export const networkPolicies = (): INetworkPolicy[] => [...APPS.map(appPolicy), migratePolicy()];
