import 'reflect-metadata';
import { runLoadPostcodes } from './load-postcodes.command';

/*
 * `npm run directory:load-postcodes -- <file.csv>`: UK postcode centroids from the ONS Postcode Directory into the
 * directory's postcode list (ADR 0038), in either runtime. See `load-postcodes.command.ts`.
 */
runLoadPostcodes(process.argv.slice(2), process.env, { out: (line) => process.stdout.write(`${line}\n`) })
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    process.stderr.write(
      `directory:load-postcodes failed: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  });
