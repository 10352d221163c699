import type { Provider } from '@nestjs/common';
import { VOLUNTEERING_OPTIONS, type VolunteeringOptions } from '../volunteering.options';
import { PassportKeys, pemBlocks } from './passport-keys';
import { ISSUERS_PATH, trustedDeployment, TrustedDeployments } from './trusted-deployments';

/** How passports are signed and verified here (ADR 0056), from the service's options. */
export interface PassportOptions {
  /** The passport key (EC P-256, PKCS#8 PEM): never the key of access tokens. */
  privateKeyPem: string;
  /** Keys retired by a rotation (PEM blocks, public or private): still published and trusted. */
  retiredKeyPems?: string;
  /** The deployment's public address: issuer ids and status lists are built on it. */
  issuerBaseUrl: string;
  /** How long a passport is valid (days; default 365). */
  validityDays?: number;
  /** Other Hearth deployments' JWKS addresses whose passports this one verifies. */
  trustedJwksUrls?: readonly string[];
  /** How long a trusted JWKS or status list is cached (ms; default 10 minutes). */
  trustedCacheTtlMs?: number;
  /** Tests only, in code: trusted JWKS served on this machine's loopback. */
  trustedAllowLoopback?: boolean;
}

export const DEFAULT_PASSPORT_VALIDITY_DAYS = 365;

export class PassportConfig {
  constructor(
    readonly keys: PassportKeys,
    readonly issuerBaseUrl: string,
    readonly validityDays: number,
    readonly trusted: TrustedDeployments,
  ) {}

  /** Issuer ids of this deployment's LEROs start with it. */
  get issuerPrefix(): string {
    return `${this.issuerBaseUrl}${ISSUERS_PATH}`;
  }

  issuerId(tenantId: string): string {
    return `${this.issuerPrefix}${tenantId.toLowerCase()}`;
  }

  statusListUrl(tenantId: string, listId: string): string {
    return `${this.issuerId(tenantId)}/status-lists/${listId}`;
  }
}

export const passportConfigProvider: Provider = {
  provide: PassportConfig,
  inject: [VOLUNTEERING_OPTIONS],
  useFactory: async ({ passports: o }: VolunteeringOptions) =>
    new PassportConfig(
      await PassportKeys.from(o.privateKeyPem, pemBlocks(o.retiredKeyPems)),
      o.issuerBaseUrl.replace(/\/+$/, ''),
      o.validityDays ?? DEFAULT_PASSPORT_VALIDITY_DAYS,
      new TrustedDeployments((o.trustedJwksUrls ?? []).map(trustedDeployment), {
        cacheTtlMs: o.trustedCacheTtlMs,
        allowLoopback: o.trustedAllowLoopback,
      }),
    ),
};
