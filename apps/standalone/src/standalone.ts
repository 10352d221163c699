import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  GATEWAY_KEY_FILE,
  keysFromPrivatePem,
  loadOrCreateKeys,
  PASSPORT_KEY_FILE,
  readKeyPems,
} from '@hearth/auth';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import {
  deliveryFromEnv,
  inProcessMessaging,
  natsConnectionOptions,
  natsCredentialsFromEnv,
  provisionJetStream,
  streamSettingsFromEnv,
  type MessagingOptions,
} from '@hearth/messaging';
import { describeUrl, migrateAll } from '@hearth/persistence';
import { publicAddressWarnings } from '@hearth/platform';
import { SERVICE_SCHEMAS } from '../../migrate/src';
import {
  loadOrCreateTotpKey,
  printGeneratedAdmin,
  TENANTS_SCHEMA,
  totpKeyFromEnv,
  type GeneratedAdmin,
  type TenantsOptions,
} from '../../tenants/src';
import { ErasureReplay, MEMBERSHIP_SCHEMA } from '../../membership/src';
import { EVENTS_SCHEMA, loadOrCreateParticipantKeySecret } from '../../events/src';
import { loadOrCreateMemberKeySecret, REPORTING_SCHEMA } from '../../reporting/src';
import { DIRECTORY_SCHEMA } from '../../directory/src';
import { passportOptionsFromEnv, VOLUNTEERING_SCHEMA } from '../../volunteering/src';
import { ADVOCACY_SCHEMA, loadOrCreateRespondentKey } from '../../advocacy/src';
import { loadOrCreateWebhookSecretKeys, WEBHOOKS_SCHEMA } from '../../webhooks/src';
import type { StandaloneEnv } from './config/env.schema';
import { startEmbeddedPostgres, type EarlyDatabase, type EmbeddedDatabase } from './embedded-database';
import { LEGACY_APP_ROLE, dropLegacyAppRole, standaloneServiceUrls } from './service-roles.util';
import { createStandaloneApp } from './standalone.app';
import { MaintenanceTimer } from './maintenance-timer';
import { ErasureLedger, erasureLedgerPath, reconcileErasures } from './erasure-ledger';
import { loadOrCreateSessionKey } from '../../web/src';

export interface RunningHearth {
  app: NestFastifyApplication;
  url: string;
  /** The owner's URL of its database (migrations, maintenance). */
  ownerUrl: string;
  /** Members erased again at this start, from the erasure ledger (ADR 0030). */
  erasedAgain: number;
  stop(): Promise<void>;
}

/**
 * Standalone Hearth: embedded PostgreSQL when no DATABASE_URL is set, migrations before serving (one
 * process, nothing to race), a signing key kept in the data directory, in-process transport without NATS_URL.
 * Every service connects as its own role (ADR 0012): `serviceUrls` (the `<SERVICE>_DATABASE_URL` variables, read
 * only with DATABASE_URL), else a role standalone derives from the owner's URL.
 */
/**
 * Standalone on NATS: as the `standalone` user, which provisions the stream and consumers as migrate would, and
 * re-creates them by itself should they go missing.
 */
async function natsMessaging(env: StandaloneEnv, natsUrl: string): Promise<MessagingOptions> {
  const provision = { stream: streamSettingsFromEnv(env) };
  const options: MessagingOptions = { natsUrl, nats: natsCredentialsFromEnv(env, 'standalone'), provision };
  const nc = await connect(natsConnectionOptions(options, 'hearth-provision'));
  try {
    await provisionJetStream(await jetstreamManager(nc), provision);
  } finally {
    await nc.close();
  }
  return options;
}

/**
 * What only a test may ask of standalone, in code (never from the environment): its directory's imports may fetch
 * this machine's loopback, where a test serves the feeds it imports (ADR 0041; standalone never does otherwise);
 * the volunteering service's clock of hours may be moved (a shift has ended, ADR 0054); identity providers may be
 * on loopback (ADR 0080); public consultation answers may need a lighter proof of work (ADR 0074: a browser test
 * solves real ones, and 18 bits take seconds each).
 */
export interface StandaloneTestOptions {
  importAllowLoopback?: boolean;
  /** Trusted passport JWKS served on this machine's loopback (ADR 0056). */
  passportTrustLoopback?: boolean;
  volunteeringNow?: () => Date;
  /** Identity providers served on this machine's loopback over http (ADR 0080). */
  ssoAllowLoopbackIssuers?: boolean;
  advocacyProofOfWorkBits?: number;
  /** A cheaper argon2id for the passwords tests make (tenants' `passwordHashCost`). */
  passwordHashCost?: TenantsOptions['passwordHashCost'];
}

/** The embedded PostgreSQL, when no DATABASE_URL is set: main's early one when it is of this data directory. */
async function embeddedDatabase(
  env: StandaloneEnv,
  dataDir: string,
  debug: (m: string) => void,
  early?: EarlyDatabase,
): Promise<EmbeddedDatabase | undefined> {
  if (early) {
    if (!env.DATABASE_URL && early.dataDir === dataDir) return early.database;
    await (await early.database.catch(() => undefined))?.stop();
  }
  return env.DATABASE_URL ? undefined : startEmbeddedPostgres(dataDir, debug);
}

export async function startStandalone(
  env: StandaloneEnv,
  say: (line: string) => void,
  serviceUrls: Record<string, string> = {},
  testing: StandaloneTestOptions = {},
  early?: EarlyDatabase,
): Promise<RunningHearth> {
  const dataDir = resolve(env.HEARTH_DATA_DIR);
  const ledger = new ErasureLedger(erasureLedgerPath(dataDir, env.HEARTH_ERASURE_LEDGER));
  const debug = (m: string) => {
    if (env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace') say(m);
  };
  const embedded = await embeddedDatabase(env, dataDir, debug, early);
  // What this start made. A first start's generated admin is printed last, below the start-up lines, where it is
  // seen, and printed still when the start fails after making it (its port taken): it is not shown again.
  const made: { admin?: GeneratedAdmin; app?: NestFastifyApplication } = {};
  try {
    const ownerUrl = embedded?.ownerUrl ?? env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL!;
    if (env.MIGRATION_DATABASE_URL && env.DATABASE_URL) {
      const shared = describeUrl(env.DATABASE_URL).user;
      if (shared !== describeUrl(ownerUrl).user)
        say(`DATABASE_URL's role ${shared} is no longer used: each service connects as a role of its own`);
    }
    const schemas = SERVICE_SCHEMAS.map((s) => s.schema);
    const urls = await standaloneServiceUrls(ownerUrl, dataDir, schemas, embedded ? {} : serviceUrls);
    await migrateAll(SERVICE_SCHEMAS, ownerUrl, (schema) => urls[schema], {
      log: (line) => debug(`database: ${line}`),
    });
    if (embedded && (await dropLegacyAppRole(ownerUrl, say))) {
      say(`Moved the database to one role per service; the shared role ${LEGACY_APP_ROLE} is gone`);
    }
    const pem =
      env.JWT_PRIVATE_KEY ??
      (env.JWT_PRIVATE_KEY_FILE ? readFileSync(env.JWT_PRIVATE_KEY_FILE, 'utf8') : undefined);
    const keys = pem ? keysFromPrivatePem(pem) : loadOrCreateKeys(dataDir);
    // The gateway's own key for the anonymous tokens of public requests, kept like the signing key.
    const gatewayKeys = loadOrCreateKeys(dataDir, GATEWAY_KEY_FILE);
    const trust = {
      accessTokenPublicKeyPem: keys.publicKeyPem,
      gatewayPublicKeyPem: gatewayKeys.publicKeyPem,
    };
    const app = await createStandaloneApp({
      logLevel: env.LOG_LEVEL,
      messaging: {
        ...(env.NATS_URL ? await natsMessaging(env, env.NATS_URL) : inProcessMessaging()),
        ...deliveryFromEnv(env),
        trust,
      },
      gateway: {
        publicKeyPem: keys.publicKeyPem,
        gatewayKey: gatewayKeys.privateKey,
        trustProxy: env.TRUST_PROXY,
        authRateLimit: env.AUTH_RATE_LIMIT,
        publicRateLimit: env.PUBLIC_RATE_LIMIT,
        publicResponseRateLimit: env.PUBLIC_RESPONSE_RATE_LIMIT,
      },
      web: {
        sessionKey: loadOrCreateSessionKey(dataDir),
        publicUrl: env.PUBLIC_URL,
        allowInsecureLoopbackCookies: true,
        insecureHttp: env.ALLOW_INSECURE_HTTP,
      },
      tenants: {
        databaseUrl: urls[TENANTS_SCHEMA.schema],
        signingKey: keys.privateKey,
        // Authenticator secrets are encrypted with it: kept in the data directory like the signing key.
        totpEncryptionKey:
          env.TOTP_ENCRYPTION_KEY || env.TOTP_ENCRYPTION_KEY_FILE
            ? totpKeyFromEnv(env)
            : loadOrCreateTotpKey(dataDir),
        accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL,
        adminEmail: env.HEARTH_ADMIN_EMAIL,
        adminPassword: env.HEARTH_ADMIN_PASSWORD,
        generateAdminPassword: true,
        onAdminGenerated: (admin) => (made.admin = admin),
        smtpUrl: env.SMTP_URL,
        publicUrl: env.PUBLIC_URL,
        ...(testing.ssoAllowLoopbackIssuers ? { ssoAllowLoopbackIssuers: true } : {}),
        ...(testing.passwordHashCost ? { passwordHashCost: testing.passwordHashCost } : {}),
      },
      membership: {
        databaseUrl: urls[MEMBERSHIP_SCHEMA.schema],
        onMemberErased: (erased) => ledger.append([erased]),
        // Session reminders (ADR 0081) go through the same SMTP server as the tenants service's emails.
        smtpUrl: env.SMTP_URL,
        publicUrl: env.PUBLIC_URL,
        auditGroupCommitMs: env.AUDIT_GROUP_COMMIT_MS,
      },
      // Kept in the data directory like the signing key: a new secret would give everyone new pseudonyms.
      events: {
        databaseUrl: urls[EVENTS_SCHEMA.schema],
        participantKeySecret: loadOrCreateParticipantKeySecret(dataDir),
        idempotencyKeyTtlMs: env.IDEMPOTENCY_KEY_TTL,
      },
      reporting: {
        databaseUrl: urls[REPORTING_SCHEMA.schema],
        memberKeySecret: loadOrCreateMemberKeySecret(dataDir),
      },
      directory: {
        databaseUrl: urls[DIRECTORY_SCHEMA.schema],
        reviewMonths: env.DIRECTORY_REVIEW_MONTHS,
        defaultContactEmail: env.DIRECTORY_CONTACT_EMAIL,
        regionCacheTtlMs: env.DIRECTORY_REGION_CACHE_TTL,
        feedCacheSize: env.DIRECTORY_FEED_CACHE_SIZE,
        ...(testing.importAllowLoopback ? { importAllowLoopback: true } : {}),
      },
      volunteering: {
        databaseUrl: urls[VOLUNTEERING_SCHEMA.schema],
        ...(testing.volunteeringNow ? { now: testing.volunteeringNow } : {}),
        // The passport key is its own, never the access tokens' (ADR 0056): configured, else kept like theirs.
        passports: {
          ...passportOptionsFromEnv(
            env,
            env.PASSPORT_PRIVATE_KEY || env.PASSPORT_PRIVATE_KEY_FILE
              ? readKeyPems(env, ['PASSPORT_PRIVATE_KEY']).PASSPORT_PRIVATE_KEY
              : loadOrCreateKeys(dataDir, PASSPORT_KEY_FILE)
                  .privateKey.export({ type: 'pkcs8', format: 'pem' })
                  .toString(),
            env.PASSPORT_ISSUER_URL ?? env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`,
          ),
          ...(testing.passportTrustLoopback ? { trustedAllowLoopback: true } : {}),
        },
      },
      // Kept in the data directory: a new key would let everyone respond again to an open consultation.
      advocacy: {
        databaseUrl: urls[ADVOCACY_SCHEMA.schema],
        respondentKey: loadOrCreateRespondentKey(dataDir),
        ...(testing.advocacyProofOfWorkBits ? { proofOfWorkBits: testing.advocacyProofOfWorkBits } : {}),
      },
      // Signing secrets are encrypted with it: kept in the data directory like the TOTP key (ADR 0082).
      webhooks: {
        databaseUrl: urls[WEBHOOKS_SCHEMA.schema],
        secretKeys: loadOrCreateWebhookSecretKeys(dataDir),
      },
    });
    // Before anyone is served: people erased after this data was saved (a restored backup) are erased again.
    const ledgered = await reconcileErasures(ledger, app.get(ErasureReplay)).catch(async (err: unknown) => {
      await app.close();
      throw err;
    });
    if (ledgered.erasedAgain) {
      say(`Erased again ${ledgered.erasedAgain} member(s) erased after this data was saved (${ledger.file})`);
    }
    made.app = app;
    await app.listen(env.PORT, env.HOST);
    // The owner's vacuum and checkpoint, which the services' roles cannot do (`npm run maintenance`).
    const maintenance = new MaintenanceTimer(ownerUrl, schemas, {
      intervalMs: env.MAINTENANCE_INTERVAL,
      say,
      debug,
    });
    maintenance.start();
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    const url = `http://${env.HOST}:${port}`;
    const publicUrl = env.PUBLIC_URL?.replace(/\/+$/, '');
    for (const warning of publicAddressWarnings(env)) say(warning);
    say(
      `Hearth is running at ${publicUrl ?? url} (${publicUrl ? `listening on ${env.HOST}:${port}; ` : ''}` +
        `API docs at ${publicUrl ?? url}/docs; data in ${embedded ? dataDir : 'DATABASE_URL'})`,
    );
    if (made.admin) printGeneratedAdmin(made.admin);
    return {
      app,
      url,
      ownerUrl,
      erasedAgain: ledgered.erasedAgain,
      stop: async () => {
        await maintenance.stop();
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (err) {
    if (made.admin) printGeneratedAdmin(made.admin);
    await made.app?.close().catch(() => undefined);
    await embedded?.stop();
    throw err;
  }
}
