import 'reflect-metadata';
import { runDeadLetters } from './dead-letters.command';

/*
 * `npm run dead-letters -- list|replay|discard`: an operator's look at the events that can never be handled as
 * they are (ADR 0016), in either runtime. See `dead-letters.command.ts` for the options.
 */
runDeadLetters(process.argv.slice(2), process.env, { out: (line) => process.stdout.write(`${line}\n`) })
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    process.stderr.write(`dead-letters failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
