import 'reflect-metadata';
import { runLoadTaxonomy } from './load-taxonomy.command';

/*
 * `npm run directory:load-taxonomy -- <file.csv> [--region <slug>] [--vocabulary esdServiceType|esdNeed]`: an
 * LGA esd list into a region's directory as its own taxonomy (ADR 0043), in either runtime. See
 * `load-taxonomy.command.ts`.
 */
runLoadTaxonomy(process.argv.slice(2), process.env, { out: (line) => process.stdout.write(`${line}\n`) })
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    process.stderr.write(
      `directory:load-taxonomy failed: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  });
