import 'reflect-metadata';
import { runWaitForMigrations } from './wait-for-migrations.command';

/* A service pod's init container on Kubernetes: waits until migrate has run for this build (ADR 0084). */
runWaitForMigrations(process.argv.slice(2), process.env, { out: (line) => process.stdout.write(`${line}\n`) })
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    process.stderr.write(`wait-for-migrations failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
