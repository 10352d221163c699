import type { LookupAddress } from 'node:dns';
import type { RequestContext } from '@hearth/contracts';
import type { SecretKey } from './deliveries/secret-cipher';

export const WEBHOOKS_OPTIONS = Symbol('WEBHOOKS_OPTIONS');

/** How a failed delivery is tried again (ADR 0079): exponential from `baseMs`, at most `maxDelayMs` apart, with jitter. */
export interface WebhookRetryPolicy {
  baseMs: number;
  maxDelayMs: number;
  /** The last attempt is made this long after the first, then the delivery is `failed`. */
  horizonMs: number;
}

export const DEFAULT_RETRY: WebhookRetryPolicy = {
  baseMs: 5_000,
  maxDelayMs: 4 * 60 * 60_000,
  horizonMs: 24 * 60 * 60_000,
};
export const DEFAULT_DISPATCH_INTERVAL_MS = 5_000;
export const DEFAULT_ROTATION_GRACE_MS = 24 * 60 * 60_000;
export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;

export interface WebhooksOptions {
  /** This service's own role (hearth_webhooks): rights on the webhooks schema only (ADR 0012). */
  databaseUrl: string;
  databasePoolMax?: number;
  /** The keys of signing secrets at rest, the current one first (`WEBHOOKS_SECRET_KEYS`, ADR 0082). */
  secretKeys: SecretKey[];
  /** How often due deliveries are looked for (a new one is also sent at once). */
  dispatchIntervalMs?: number;
  retry?: Partial<WebhookRetryPolicy>;
  /** How long the previous secret still signs beside the new one after a rotation. */
  rotationGraceMs?: number;
  /** One attempt's time, the receiver's answer included. */
  deliveryTimeoutMs?: number;
  /**
   * Host names (exactly these) that may be reached over http:// and on loopback: for tests and development on one
   * machine only, never set in production (`WEBHOOKS_INSECURE_HOSTS`). Private and link-local addresses stay refused.
   */
  insecureHosts?: string[];
  /** The resolver of receivers' host names (default the system's): tests give one that answers a private address. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
  /**
   * A region's LEROs' ids (default: asked of the tenants service as the region's admin, ADR 0082); the service's
   * own tests give a list, as they give a resolver.
   */
  regionLeros?: (ctx: RequestContext, regionId: string) => Promise<string[]>;
}
