import 'reflect-metadata';
import { runBackup } from './backup.command';
import { terminalPrompt } from './passphrase';

/* `npm run backup -- <file>`: see `backup.command.ts` and docs/backup-and-restore.md. */
runBackup(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  prompt: terminalPrompt(),
})
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`backup failed: ${message}\n`);
    process.exit(1);
  });
