import 'reflect-metadata';
import { runMaintenance } from './maintenance.command';

/*
 * `npm run maintenance`: rewrites Hearth's tables and makes a checkpoint, so erased values do not linger in dead
 * rows and the WAL (ADR 0020, docs/retention.md). See `maintenance.command.ts`.
 */
runMaintenance(process.argv.slice(2), process.env, { out: (line) => process.stdout.write(`${line}\n`) })
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    process.stderr.write(`maintenance failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
