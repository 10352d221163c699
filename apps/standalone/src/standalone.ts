import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GATEWAY_KEY_FILE, keysFromPrivatePem, loadOrCreateKeys } from '@hearth/auth';
import { inProcessMessaging } from '@hearth/messaging';
import { migrateAll } from '@hearth/persistence';
import { SERVICE_SCHEMAS } from '../../migrate/src/service-schemas';
import type { StandaloneEnv } from './config/env.schema';
import { startEmbeddedPostgres } from './embedded-database';
import { createStandaloneApp } from './standalone.app';
import { loadOrCreateParticipantKeySecret } from '../../events/src/attendance/participant-key.util';
import { loadOrCreateSessionKey } from '../../web/src/session/session-key';
import { loadOrCreateMemberKeySecret } from '../../reporting/src/projections/member-key.util';

export interface RunningHearth {
  app: NestFastifyApplication;
  url: string;
  stop(): Promise<void>;
}

/**
 * Standalone Hearth: embedded PostgreSQL when no DATABASE_URL is set, migrations before serving (one
 * process, nothing to race), a signing key kept in the data directory, in-process transport without NATS_URL.
 */
export async function startStandalone(
  env: StandaloneEnv,
  say: (line: string) => void,
): Promise<RunningHearth> {
  const dataDir = resolve(env.HEARTH_DATA_DIR);
  const embedded = env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres(dataDir, (m) => {
        if (env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace') say(m);
      });
  try {
    const appUrl = embedded?.appUrl ?? env.DATABASE_URL!;
    const ownerUrl = embedded?.ownerUrl ?? env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL!;
    await migrateAll(SERVICE_SCHEMAS, ownerUrl, appUrl);
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
      messaging: env.NATS_URL ? { natsUrl: env.NATS_URL, trust } : { ...inProcessMessaging(), trust },
      gateway: {
        publicKeyPem: keys.publicKeyPem,
        gatewayKey: gatewayKeys.privateKey,
        authRateLimit: env.AUTH_RATE_LIMIT,
      },
      web: {
        sessionKey: loadOrCreateSessionKey(dataDir),
        publicUrl: env.PUBLIC_URL,
        allowInsecureLoopbackCookies: true,
      },
      tenants: {
        databaseUrl: appUrl,
        signingKey: keys.privateKey,
        accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL,
        adminEmail: env.HEARTH_ADMIN_EMAIL,
        adminPassword: env.HEARTH_ADMIN_PASSWORD,
        generateAdminPassword: true,
        smtpUrl: env.SMTP_URL,
        publicUrl: env.PUBLIC_URL,
      },
      membership: { databaseUrl: appUrl },
      // Kept in the data directory like the signing key: a new secret would give everyone new pseudonyms.
      events: { databaseUrl: appUrl, participantKeySecret: loadOrCreateParticipantKeySecret(dataDir) },
      reporting: { databaseUrl: appUrl, memberKeySecret: loadOrCreateMemberKeySecret(dataDir) },
    });
    await app.listen(env.PORT, env.HOST);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    const url = `http://${env.HOST}:${port}`;
    say(
      `Hearth is running at ${url} (API docs at ${url}/docs; data in ${embedded ? dataDir : 'DATABASE_URL'})`,
    );
    return {
      app,
      url,
      stop: async () => {
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}
