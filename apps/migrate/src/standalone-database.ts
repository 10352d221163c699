import { runningEmbeddedPostgres, startEmbeddedPostgres } from '../../standalone/src';

/**
 * Standalone's embedded database for an operator command, whether Hearth runs beside it or not (then it is
 * started for the command and stopped after): its superuser URL, and how to stop it.
 */
export async function standaloneOwnerDatabase(
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
): Promise<{ url: string; stop?: () => Promise<void> }> {
  const dataDir = env.HEARTH_DATA_DIR ?? './.hearth';
  const running = await runningEmbeddedPostgres(dataDir);
  if (running) return { url: running };
  const embedded = await startEmbeddedPostgres(dataDir, () => undefined);
  out(`(Hearth is not running: started its database in ${dataDir} for this command)`);
  return { url: embedded.ownerUrl, stop: embedded.stop };
}
