import type { KeyObject } from 'node:crypto';

export interface GatewayOptions {
  /** PEM of the tenants service's public key, which verifies access tokens (ES256). */
  publicKeyPem: string;
  /** The gateway's own private key: it signs the anonymous token each public request carries to the services. */
  gatewayKey: KeyObject;
  /** Requests per minute per client on the sign-in routes. */
  authRateLimit?: number;
  /** Requests per minute per client address to the public Open Referral UK feeds (default 600). */
  publicRateLimit?: number;
  /** Responses an hour per client address through consultations' public links (default 30). */
  publicResponseRateLimit?: number;
  /** The proxies (the web app's server, an ingress) whose X-Forwarded-For gives the client's address. */
  trustProxy?: string[];
}
