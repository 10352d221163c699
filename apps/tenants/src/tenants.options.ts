import type { KeyObject } from 'node:crypto';
import type { SignInThrottleOptions } from './sessions/sign-in-throttle';
import type { MailQueueOptions } from '@hearth/mail';
import type { PasswordHashCost } from './accounts/password.util';
import type { DigestOptions } from './digests/digest-schedule.util';

export const TENANTS_OPTIONS = Symbol('TENANTS_OPTIONS');

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The time horizons of the access lifecycle; options, so tests can run them in seconds. */
export const ACCESS_DEFAULTS = {
  /** A refresh token unused this long lapses (each refresh moves it on)… */
  refreshIdleTtlMs: 14 * DAY_MS,
  /** …and a sign-in ends this long after it began, however often it is refreshed. */
  refreshAbsoluteTtlMs: 30 * DAY_MS,
  /** A break-glass appointment takes effect this long after the LERO's contact is told. */
  breakGlassNoticeMs: 72 * HOUR_MS,
  /** How long a password reset link works. */
  passwordResetTtlMs: DAY_MS,
  /** How long a link someone asked for themselves ("forgot my password") works. */
  forgotPasswordTtlMs: 30 * 60 * 1000,
} as const;

export interface TenantsOptions {
  databaseUrl: string;
  databasePoolMax?: number;
  /** Private key that signs access tokens (ES256). */
  signingKey: KeyObject;
  /** 32 bytes that encrypt authenticator secrets at rest (AES-256-GCM; TOTP_ENCRYPTION_KEY). */
  totpEncryptionKey: Buffer;
  /** How long a sign-in waits for its second factor (default 5 minutes; tests shorten it). */
  secondFactorChallengeTtlMs?: number;
  /** Seconds an access token lives (default 60): the revocation horizon for tokens already issued. */
  accessTokenTtlSeconds?: number;
  /** First start: create this platform admin when none exists. */
  adminEmail?: string;
  adminPassword?: string;
  /** Standalone only: with no admin configured, generate a password and print it once. */
  generateAdminPassword?: boolean;
  /**
   * Where a generated admin's password goes, to be printed once when the process has finished starting (after
   * its start-up lines, where it is seen). Unset: printed at once.
   */
  onAdminGenerated?: (admin: GeneratedAdmin) => void;
  /** When set, invitations, reset links and break-glass notices are also emailed, through the mail queue. */
  smtpUrl?: string;
  smtpFrom?: string;
  /** The mail queue's polling, retries and retention (defaults in MAIL_QUEUE_DEFAULTS). */
  mail?: Partial<MailQueueOptions>;
  /** When weekly digests go out and what they cover (defaults in DIGEST_DEFAULTS; ADR 0083). */
  digest?: Partial<DigestOptions>;
  /** Base URL for links in emails, e.g. https://hearth.example.org */
  publicUrl?: string;
  /** The per-account limit on wrong passwords (tests shorten it). */
  signInThrottle?: SignInThrottleOptions;
  refreshIdleTtlMs?: number;
  refreshAbsoluteTtlMs?: number;
  breakGlassNoticeMs?: number;
  passwordResetTtlMs?: number;
  forgotPasswordTtlMs?: number;
  /**
   * Tests and development on one machine only: identity providers at http and loopback addresses (ADR 80).
   * Private addresses stay refused.
   */
  ssoAllowLoopbackIssuers?: boolean;
  /** How long a provider's discovery document is reused (ADR 80; 10 minutes, tests shorten it). */
  ssoDiscoveryTtlMs?: number;
  /**
   * Tests only, in code (never from the environment): a cheaper argon2id for the passwords they make by the
   * thousand (the default costs ~0.2 s of CPU a hash, which was much of the test suite's time).
   */
  passwordHashCost?: PasswordHashCost;
  /** Injectable clock for tests of expiry. */
  now?: () => Date;
}

/** The service's clock: the injected one in tests, else the wall clock. */
export const clockOf = (options: TenantsOptions): Date => options.now?.() ?? new Date();

/** An access-lifecycle horizon: the configured value or its default. */
export const horizonOf = (options: TenantsOptions, name: keyof typeof ACCESS_DEFAULTS): number =>
  options[name] ?? ACCESS_DEFAULTS[name];

/** The platform admin generated at a first start, with the only copy of its password. */
export interface GeneratedAdmin {
  email: string;
  password: string;
}
