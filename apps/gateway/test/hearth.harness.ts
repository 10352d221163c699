import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { NatsUser } from '@hearth/contracts';
import {
  ApiClient,
  FAST_PASSWORD_HASHING,
  Given,
  TestTrust,
  createSchemaDatabase,
  startTestNats,
  uniqueName,
  type TestDatabase,
  type TestNats,
} from '@hearth/testing';
import { createTenantsApp, TENANTS_SCHEMA, type TenantsOptions } from '../../tenants/src';
import { createMembershipApp, MEMBERSHIP_SCHEMA, type MembershipOptions } from '../../membership/src';
import { createEventsApp, EVENTS_SCHEMA, type EventsOptions } from '../../events/src';
import { createReportingApp, REPORTING_SCHEMA } from '../../reporting/src';
import { createDirectoryApp, DIRECTORY_SCHEMA, type DirectoryOptions } from '../../directory/src';
import {
  createVolunteeringApp,
  generatePassportKeyPem,
  VOLUNTEERING_SCHEMA,
  type PassportOptions,
} from '../../volunteering/src';
import { createAdvocacyApp, ADVOCACY_SCHEMA } from '../../advocacy/src';
import { createWebhooksApp, WEBHOOKS_SCHEMA, type WebhooksOptions } from '../../webhooks/src';
import { createGatewayApp } from '../src/gateway.app';
import type { LogDestination, LogLevel } from '@hearth/platform';
import type { RetryPolicy } from '@hearth/messaging';

export interface DistributedHearth {
  api: ApiClient;
  given: Given;
  db: TestDatabase;
  admin: { email: string; password: string };
  tenants: NestFastifyApplication;
  membership: NestFastifyApplication;
  events: NestFastifyApplication;
  reporting: NestFastifyApplication;
  /** Moves the reporting service's clock (release and freezing of periods). */
  reportingClock: { offsetMs: number };
  directory: NestFastifyApplication;
  volunteering: NestFastifyApplication;
  /** Moves the volunteering service's clock of hours (a shift has ended; what today is). */
  volunteeringClock: { offsetMs: number };
  advocacy: NestFastifyApplication;
  webhooks: NestFastifyApplication;
  gateway: NestFastifyApplication;
  /** This file's own NATS, with Hearth's accounts and permissions. */
  nats: TestNats;
  /** The gateway's verification key (tests of token handling). */
  publicKeyPem: string;
  /** This Hearth's keys: sign tokens as the tenants service or the gateway would (tests of the trust boundary). */
  trust: TestTrust;
  stopTenants(): Promise<void>;
  /**
   * Replaces the tenants service with one that also has `extra` options (SMTP, digests, a clock), for the end of a
   * file: with SMTP, invitations and reset links are emailed, no longer answered, so `given` makes no more people.
   */
  restartTenants(extra: Partial<TenantsOptions>): Promise<NestFastifyApplication>;
  /** Stops the events service (tests of an answer that needs it, like a person's export). */
  stopEvents(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Hearth as in production: the tenants, membership, events and reporting services and the gateway as separate
 * Nest applications talking over a NATS server and a database of this test file's own, each app as its own NATS
 * user with only its own permissions (deploy/nats).
 */
export interface HearthHarnessOptions {
  /**
   * Access token lifetime, and so the revocation horizon. Tests of revocation use a couple of seconds; the
   * others a lifetime longer than their file runs, so a token from `given` lasts the whole file.
   */
  accessTokenTtlSeconds?: number;
  /** The tenants service's access-lifecycle horizons (the break-glass notice …), shortened for tests. */
  tenants?: Pick<
    TenantsOptions,
    | 'breakGlassNoticeMs'
    | 'passwordResetTtlMs'
    | 'refreshIdleTtlMs'
    | 'refreshAbsoluteTtlMs'
    | 'secondFactorChallengeTtlMs'
    | 'signInThrottle'
    | 'publicUrl'
    | 'ssoAllowLoopbackIssuers'
  >;
  /** The membership service's wait for every part of a person's export, shortened for tests. */
  membership?: Pick<MembershipOptions, 'exportWaitMs' | 'smtpUrl' | 'mail' | 'publicUrl'>;
  /** The events service's lifetime of idempotency keys, shortened for tests; its session reminders' timing. */
  events?: Pick<EventsOptions, 'idempotencyKeyTtlMs' | 'reminderSweepIntervalMs' | 'reminderLeadMs'>;
  /**
   * The directory service's imports may fetch this machine's loopback addresses (a feed the test serves); how long
   * its feed remembers the region of a slug.
   */
  directory?: Pick<DirectoryOptions, 'importAllowLoopback' | 'regionCacheTtlMs'>;
  /** How many answers the advocacy service's batches gather (default 5); its proof-of-work difficulty (default 4). */
  advocacy?: { answerBatchSize?: number; proofOfWorkBits?: number };
  /** The webhooks service's dispatch interval, retries and test-only insecure receiver hosts (ADR 0079). */
  webhooks?: Omit<WebhooksOptions, 'databaseUrl' | 'databasePoolMax' | 'secretKeys'>;
  /** Responses an hour per client address through consultations' public links (default 1000). */
  publicResponseRateLimit?: number;
  /** The passport's key, issuer address and trusted deployments (a generated key and `http://hearth.test` else). */
  passports?: Partial<PassportOptions>;
  /** A PostgreSQL of the test's own (`startTestPostgres`) to make the database on, e.g. one it restarts. */
  databaseServerUrl?: string;
  /** Every app's log level (default `warn`), and where their log lines go (default stdout). */
  logLevel?: LogLevel;
  logDestination?: LogDestination;
  /** Every app's backoff of failed domain events (default: as in production, 1 s doubling to an hour). */
  retry?: RetryPolicy;
}

/**
 * The membership options of a Hearth whose reminders (ADR 0081) are emailed through a test SMTP server at `smtpUrl`,
 * its mail queue polled and retried in fractions of a second; the reminder sweeps run when a test runs them.
 */
export const remindingMembership = (smtpUrl: string): HearthHarnessOptions['membership'] => ({
  smtpUrl,
  publicUrl: 'https://hearth.example.org',
  mail: { pollMs: 100, retryFirstMs: 200, retryMaxMs: 400, leaseMs: 4000 },
});

export async function startDistributedHearth(opts: HearthHarnessOptions = {}): Promise<DistributedHearth> {
  const nats = await startTestNats();
  const db = await createSchemaDatabase(
    [
      TENANTS_SCHEMA,
      MEMBERSHIP_SCHEMA,
      EVENTS_SCHEMA,
      REPORTING_SCHEMA,
      DIRECTORY_SCHEMA,
      VOLUNTEERING_SCHEMA,
      ADVOCACY_SCHEMA,
      WEBHOOKS_SCHEMA,
    ],
    { serverUrl: opts.databaseServerUrl },
  );
  const logging = { level: opts.logLevel ?? 'warn', destination: opts.logDestination } as const;
  const trust = new TestTrust(opts.accessTokenTtlSeconds ? opts.accessTokenTtlSeconds * 1000 : undefined);
  const keys = trust.accessKeys;
  const name = uniqueName('t');
  // Every app as its own NATS user, allowed only its own subjects, as deployed.
  // Operators' replays (npm run dead-letters) are picked up within a quarter second rather than five.
  const messaging = (user: NatsUser) => ({
    ...nats.as(user),
    trust: trust.trust,
    replayPollMs: 250,
    ...(opts.retry ? { retry: opts.retry } : {}),
  });
  const admin = { email: `${name}@admin.example.org`, password: 'platform-admin-password' };
  // nestjs-pino keeps one logger per process, configured by the first app made: the gateway's, so requests are
  // logged as they are in production (services log no requests).
  const gateway = await createGatewayApp(
    {
      publicKeyPem: keys.publicKeyPem,
      gatewayKey: trust.gatewayKeys.privateKey,
      authRateLimit: 1000,
      publicResponseRateLimit: opts.publicResponseRateLimit ?? 1000,
    },
    { ...messaging('gateway'), requestTimeoutMs: 2000 },
    logging,
  );
  const tenantsOptions: TenantsOptions = {
    databaseUrl: db.urlFor(TENANTS_SCHEMA.schema),
    signingKey: keys.privateKey,
    totpEncryptionKey: randomBytes(32),
    accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? 900,
    adminEmail: admin.email,
    adminPassword: admin.password,
    passwordHashCost: FAST_PASSWORD_HASHING,
    ...opts.tenants,
  };
  let tenants = await createTenantsApp(tenantsOptions, messaging('tenants'), logging);
  await tenants.init();
  const membership = await createMembershipApp(
    { databaseUrl: db.urlFor(MEMBERSHIP_SCHEMA.schema), ...opts.membership },
    messaging('membership'),
    logging,
  );
  await membership.init();
  const events = await createEventsApp(
    {
      databaseUrl: db.urlFor(EVENTS_SCHEMA.schema),
      participantKeySecret: `${name}-participant-key-secret-for-tests`,
      heldSweepIntervalMs: 3_600_000,
      reminderSweepIntervalMs: 3_600_000,
      ...opts.events,
    },
    messaging('events'),
    logging,
  );
  await events.init();
  const reportingClock = { offsetMs: 0 };
  const reporting = await createReportingApp(
    {
      databaseUrl: db.urlFor(REPORTING_SCHEMA.schema),
      memberKeySecret: `${name}-member-key-secret-for-tests-0123456789`,
      releaseSweepIntervalMs: 3_600_000,
      now: () => new Date(Date.now() + reportingClock.offsetMs),
    },
    messaging('reporting'),
    logging,
  );
  await reporting.init();
  const directory = await createDirectoryApp(
    { databaseUrl: db.urlFor(DIRECTORY_SCHEMA.schema), ...opts.directory },
    messaging('directory'),
    logging,
  );
  await directory.init();
  const passports: PassportOptions = {
    privateKeyPem: generatePassportKeyPem(),
    issuerBaseUrl: 'http://hearth.test',
    ...opts.passports,
  };
  const volunteeringClock = { offsetMs: 0 };
  const volunteering = await createVolunteeringApp(
    {
      databaseUrl: db.urlFor(VOLUNTEERING_SCHEMA.schema),
      now: () => new Date(Date.now() + volunteeringClock.offsetMs),
      passports,
      reminderSweepIntervalMs: 3_600_000,
    },
    messaging('volunteering'),
    logging,
  );
  await volunteering.init();
  const advocacy = await createAdvocacyApp(
    {
      databaseUrl: db.urlFor(ADVOCACY_SCHEMA.schema),
      respondentKey: 'test-advocacy-respondent-key-of-32-chars',
      answerBatchSize: opts.advocacy?.answerBatchSize,
      proofOfWorkBits: opts.advocacy?.proofOfWorkBits ?? 4,
    },
    messaging('advocacy'),
    logging,
  );
  await advocacy.init();
  const webhooks = await createWebhooksApp(
    {
      databaseUrl: db.urlFor(WEBHOOKS_SCHEMA.schema),
      secretKeys: [{ id: 'test', key: randomBytes(32) }],
      ...opts.webhooks,
    },
    messaging('webhooks'),
    logging,
  );
  await webhooks.init();
  await gateway.listen(0, '127.0.0.1');
  const address = gateway.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const api = new ApiClient(`http://127.0.0.1:${port}`);
  let tenantsStopped = false;
  let eventsStopped = false;
  return {
    api,
    given: new Given(api, admin),
    db,
    admin,
    tenants,
    membership,
    events,
    reporting,
    reportingClock,
    directory,
    volunteering,
    volunteeringClock,
    advocacy,
    webhooks,
    gateway,
    nats,
    publicKeyPem: keys.publicKeyPem,
    trust,
    async stopTenants() {
      tenantsStopped = true;
      await tenants.close();
    },
    async restartTenants(extra) {
      if (!tenantsStopped) await tenants.close();
      tenants = await createTenantsApp({ ...tenantsOptions, ...extra }, messaging('tenants'), logging);
      await tenants.init();
      tenantsStopped = false;
      return tenants;
    },
    async stopEvents() {
      eventsStopped = true;
      await events.close();
    },
    async close() {
      await gateway.close();
      await membership.close();
      if (!eventsStopped) await events.close();
      await reporting.close();
      if (!tenantsStopped) await tenants.close();
      await directory.close();
      await volunteering.close();
      await advocacy.close();
      await webhooks.close();
      await db.drop();
      await nats.stop();
    },
  };
}

/** A time as a London wall clock (`2026-12-05T14:00`), as an activity's schedule takes it. */
export const londonWallClock = (d: Date) =>
  d.toLocaleString('sv-SE', { timeZone: 'Europe/London', hour12: false }).replace(' ', 'T').slice(0, 16);
