import { Transform } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { readKeyPems, type KeyVariables } from '@hearth/auth';
import type { PassportOptions } from '../passports/passport-config';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T = object> = new (...args: any[]) => T;

const URL_OPTIONS = { protocols: ['http', 'https'], require_tld: false, require_protocol: true };

/**
 * The passport's variables (ADR 0056), for the volunteering service's schema and standalone's: its own key (never
 * the access tokens'), keys retired by a rotation, the issuer address, the validity and the trusted deployments.
 */
export function WithPassportEnv<B extends Constructor>(Base: B) {
  class PassportEnv extends Base {
    /** The passport key, EC P-256 PKCS#8 PEM (or `_FILE`). Standalone generates one into its data directory. */
    @IsOptional()
    @IsString()
    PASSPORT_PRIVATE_KEY?: string;

    @IsOptional()
    @IsString()
    PASSPORT_PRIVATE_KEY_FILE?: string;

    /** Keys a rotation retired (PEM blocks one after another, or `_FILE`): still published so old passports verify. */
    @IsOptional()
    @IsString()
    PASSPORT_RETIRED_KEYS?: string;

    @IsOptional()
    @IsString()
    PASSPORT_RETIRED_KEYS_FILE?: string;

    /**
     * The gateway's public address (`https://api.hearth.example.org`): passports' issuer ids and status lists are
     * built on it, so verifiers elsewhere can fetch them. Required by the volunteering service; standalone: PUBLIC_URL.
     */
    @IsOptional()
    @IsUrl(URL_OPTIONS, { message: 'must be an http(s) address' })
    PASSPORT_ISSUER_URL?: string;

    /** Days a passport is valid. */
    @IsInt()
    @Min(1)
    @Max(3650)
    PASSPORT_VALIDITY_DAYS: number = 365;

    /** Other Hearth deployments' JWKS addresses (comma-separated) whose passports are verified here. */
    @Transform(({ value }: { value: unknown }) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : value,
    )
    @IsArray()
    @IsUrl(URL_OPTIONS, { each: true, message: 'must be a list of http(s) addresses' })
    PASSPORT_TRUSTED_JWKS: string[] = [];

    /** Milliseconds a trusted deployment's JWKS or status list is kept before it is fetched again. */
    @IsInt()
    @Min(1000)
    @Max(86_400_000)
    PASSPORT_TRUSTED_CACHE_TTL: number = 600_000;
  }
  return PassportEnv;
}

export interface PassportVariables {
  PASSPORT_RETIRED_KEYS?: string;
  PASSPORT_RETIRED_KEYS_FILE?: string;
  PASSPORT_VALIDITY_DAYS: number;
  PASSPORT_TRUSTED_JWKS: string[];
  PASSPORT_TRUSTED_CACHE_TTL: number;
}

/** The passport options from the variables; the private key and the issuer address as the caller found them. */
export function passportOptionsFromEnv(
  env: PassportVariables,
  privateKeyPem: string,
  issuerBaseUrl: string,
): PassportOptions {
  const retired =
    env.PASSPORT_RETIRED_KEYS || env.PASSPORT_RETIRED_KEYS_FILE
      ? readKeyPems(env as KeyVariables, ['PASSPORT_RETIRED_KEYS']).PASSPORT_RETIRED_KEYS
      : undefined;
  return {
    privateKeyPem,
    retiredKeyPems: retired,
    issuerBaseUrl,
    validityDays: env.PASSPORT_VALIDITY_DAYS,
    trustedJwksUrls: env.PASSPORT_TRUSTED_JWKS,
    trustedCacheTtlMs: env.PASSPORT_TRUSTED_CACHE_TTL,
  };
}
