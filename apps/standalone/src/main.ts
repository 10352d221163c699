import 'reflect-metadata';
import { serviceUrlsFromEnv } from '@hearth/persistence';
import { loadConfigOrExit, startTracing, stopTracing } from '@hearth/platform';
import { SERVICE_SCHEMAS } from '../../migrate/src';
import { StandaloneEnv } from './config/env.schema';
import { startStandalone } from './standalone';

const say = (line: string) => process.stdout.write(`[hearth] ${line}\n`);

async function main(): Promise<void> {
  // One process, one service name: spans say which part they are (subjects, schemas, `hearth.component`).
  const env = loadConfigOrExit(StandaloneEnv);
  startTracing('hearth', env);
  const hearth = await startStandalone(env, say, serviceUrlsFromEnv(SERVICE_SCHEMAS));
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

main().catch((err: unknown) => {
  process.stderr.write(
    `Hearth could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
