import 'reflect-metadata';
import { serviceUrlsFromEnv } from '@hearth/persistence';
import { loadConfigOrExit, startTracing, stopTracing } from '@hearth/platform';
import { SERVICE_SCHEMAS } from '../../migrate/src';
import { StandaloneEnv } from './config/env.schema';
import type { EarlyDatabase } from './embedded-database';
import { startStandalone } from './standalone';

const say = (line: string) => process.stdout.write(`[hearth] ${line}\n`);

/** What main runs once the rest of Hearth has loaded, with the embedded PostgreSQL it started meanwhile. */
export async function runStandalone(early?: EarlyDatabase): Promise<void> {
  // One process, one service name: spans say which part they are (subjects, schemas, `hearth.component`).
  const env = loadConfigOrExit(StandaloneEnv);
  startTracing('hearth', env);
  const hearth = await startStandalone(env, say, serviceUrlsFromEnv(SERVICE_SCHEMAS), {}, early);
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping`);
    await hearth.stop();
    await stopTracing();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
