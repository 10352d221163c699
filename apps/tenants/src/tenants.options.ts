import type { KeyObject } from 'node:crypto';
import type { SignInThrottleOptions } from './auth/sign-in-throttle';

export const TENANTS_OPTIONS = Symbol('TENANTS_OPTIONS');

export interface TenantsOptions {
  databaseUrl: string;
  databasePoolMax?: number;
  /** Private key that signs access tokens (ES256). */
  signingKey: KeyObject;
  /** Seconds an access token lives (default 60): the revocation horizon for tokens already issued. */
  accessTokenTtlSeconds?: number;
  /** First start: create this platform admin when none exists. */
  adminEmail?: string;
  adminPassword?: string;
  /** Standalone only: with no admin configured, generate a password and print it once. */
  generateAdminPassword?: boolean;
  /** When set, invitations are also emailed. */
  smtpUrl?: string;
  smtpFrom?: string;
  /** Base URL for links in emails, e.g. https://hearth.example.org */
  publicUrl?: string;
  /** The per-account limit on wrong passwords (tests shorten it). */
  signInThrottle?: SignInThrottleOptions;
  /** Injectable clock for tests of expiry. */
  now?: () => Date;
}
