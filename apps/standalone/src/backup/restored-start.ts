import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { maintainDatabase } from '@hearth/persistence';
import { loadConfig } from '@hearth/platform';
import { SERVICE_SCHEMAS } from '../../../migrate/src';
import { StandaloneEnv } from '../config/env.schema';
import { startStandalone } from '../standalone';

/** How long the restore waits for the erasures' events to reach every service before it leaves that to the next start. */
const SETTLE_MS = 120_000;

/**
 * Starts Hearth once on the restored directory, as `npm start` would (the rest of the migrations run, and the
 * erasure ledger's people are erased again), on a loopback port of its own and in process (no NATS, no mail), and
 * waits until every service has taken the erasures' events; then rewrites the tables (VACUUM FULL) so the erased
 * values do not linger in dead rows, and stops.
 */
export async function startRestored(
  config: StandaloneEnv,
  env: NodeJS.ProcessEnv,
  dataDir: string,
): Promise<{ erasedAgain: number; settled: boolean }> {
  const restoreEnv = loadConfig(StandaloneEnv, {
    ...env,
    HEARTH_DATA_DIR: dataDir,
    HEARTH_ERASURE_LEDGER: config.HEARTH_ERASURE_LEDGER ?? '',
    HOST: '127.0.0.1',
    PORT: '0',
    NATS_URL: '',
    SMTP_URL: '',
    TRUST_PROXY: '',
    HEARTH_ADMIN_EMAIL: '',
    HEARTH_ADMIN_PASSWORD: '',
    MAINTENANCE_INTERVAL: '0',
    LOG_LEVEL: 'warn',
  });
  const hearth = await startStandalone(restoreEnv, () => undefined);
  try {
    const settled = await outboxesEmpty(hearth.ownerUrl);
    if (hearth.erasedAgain) {
      const client = new Client({ connectionString: hearth.ownerUrl });
      client.on('error', () => undefined);
      await client.connect();
      try {
        await maintainDatabase(
          client,
          SERVICE_SCHEMAS.map((s) => s.schema),
          () => undefined,
        );
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    return { erasedAgain: hearth.erasedAgain, settled };
  } finally {
    await hearth.stop();
  }
}

/**
 * True once no service's outbox holds an event not yet taken by every consumer (read in one statement, so in one
 * snapshot: an event a consumer wrote while taking another is committed before that other is marked published).
 */
async function outboxesEmpty(ownerUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: ownerUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const counts = SERVICE_SCHEMAS.map(
      ({ schema }) => `(select count(*) from "${schema}".outbox where published_at is null)`,
    ).join(' + ');
    for (const until = Date.now() + SETTLE_MS; Date.now() < until; await sleep(200)) {
      const { rows } = await client.query<{ n: string }>(`select ${counts} as n`);
      if (Number(rows[0].n) === 0) return true;
    }
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
