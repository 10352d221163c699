export interface GatewayOptions {
  /** PEM of the public key that verifies access tokens (ES256). */
  publicKeyPem: string;
  /** Requests per minute per client on the sign-in routes. */
  authRateLimit?: number;
  /** Behind a proxy (k8s ingress): trust X-Forwarded-For for the client address. */
  trustProxy?: boolean;
}
