import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { serviceRoleName, withCredentials } from '@hearth/persistence';

/** The one role every service shared before ADR 0012; standalone's own embedded database drops it on upgrade. */
export const LEGACY_APP_ROLE = 'hearth_app';

/**
 * Each service's connection string in standalone mode: the one its `<SERVICE>_DATABASE_URL` names, else the role
 * `hearth_<schema>` on the owner's database, with a password generated once into `<dataDir>/service-roles.json`
 * (0600). migrate creates those roles and keeps their passwords in step, so a lost file only means new passwords.
 */
export async function standaloneServiceUrls(
  ownerUrl: string,
  dataDir: string,
  schemas: string[],
  given: Record<string, string> = {},
): Promise<Record<string, string>> {
  const derived = schemas.filter((schema) => !given[schema]);
  const passwords = await loadOrCreatePasswords(join(dataDir, 'service-roles.json'), derived);
  const urls: Record<string, string> = {};
  for (const schema of schemas) {
    urls[schema] = given[schema] ?? withCredentials(ownerUrl, serviceRoleName(schema), passwords[schema]);
  }
  return urls;
}

async function loadOrCreatePasswords(file: string, schemas: string[]): Promise<Record<string, string>> {
  let passwords: Record<string, string> = {};
  try {
    passwords = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    await chmod(file, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`${file}: ${String(err)}`, { cause: err });
  }
  const missing = schemas.filter((schema) => typeof passwords[schema] !== 'string');
  if (missing.length === 0) return passwords;
  for (const schema of missing) passwords[schema] = randomBytes(24).toString('hex');
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(passwords, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, file);
  return passwords;
}

/**
 * An embedded database made before ADR 0012 has the shared role `hearth_app`. Once migrate has moved every schema
 * to its service's role (and taken hearth_app's rights), the role is dropped. True when it was there and is gone.
 */
export async function dropLegacyAppRole(ownerUrl: string, log: (line: string) => void): Promise<boolean> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_roles where rolname = $1', [LEGACY_APP_ROLE]);
    if (found.rowCount === 0) return false;
    await client.query(`drop role ${LEGACY_APP_ROLE}`);
    return true;
  } catch (err) {
    // It holds no rights on Hearth's schemas any more (migrate revoked them); a leftover role is untidy, not open.
    log(
      `could not drop the old role ${LEGACY_APP_ROLE}: ${err instanceof Error ? err.message : String(err)}`,
    );
    return false;
  } finally {
    await client.end();
  }
}
