import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@hearth/platform';
import { createSchemaDatabase, FAST_PASSWORD_HASHING, type TestDatabase } from '@hearth/testing';
import { StandaloneEnv } from '../src/config/env.schema';
import { startStandalone, type RunningHearth } from '../src/standalone';
import { SERVICE_SCHEMAS } from '../../migrate/src';

export interface TestStandalone {
  hearth: RunningHearth;
  db: TestDatabase;
  stop(): Promise<void>;
}

/**
 * Standalone on a test database of its own (each service on its own role) and a fresh data directory, with a
 * platform admin `admin`, quiet logs and any free port.
 */
export async function startTestStandalone(
  name: string,
  admin: { email: string; password: string },
): Promise<TestStandalone> {
  const db = await createSchemaDatabase(SERVICE_SCHEMAS);
  const dataDir = await mkdtemp(join(tmpdir(), `hearth-${name}-`));
  const hearth = await startStandalone(
    loadConfig(StandaloneEnv, {
      DATABASE_URL: db.ownerUrl,
      HEARTH_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'warn',
      HEARTH_ADMIN_EMAIL: admin.email,
      HEARTH_ADMIN_PASSWORD: admin.password,
    }),
    () => undefined,
    Object.fromEntries(SERVICE_SCHEMAS.map((s) => [s.schema, db.urlFor(s.schema)])),
    { passwordHashCost: FAST_PASSWORD_HASHING },
  );
  return {
    hearth,
    db,
    async stop() {
      await hearth.stop();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
