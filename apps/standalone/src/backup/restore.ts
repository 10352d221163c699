import 'reflect-metadata';
import { runRestore } from './restore.command';
import { terminalPrompt } from './passphrase';

/* `npm run restore -- <file>`: see `restore.command.ts` and docs/backup-and-restore.md. */
runRestore(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  prompt: terminalPrompt(),
})
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`restore failed: ${message}\n`);
    process.exit(1);
  });
