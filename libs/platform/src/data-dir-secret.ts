import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A secret kept in the data directory (standalone): made once, mode 0600, and the same for every process that
 * starts on the directory, even two starting at once. The new secret is written whole to a file of this
 * process's own and then linked into place, which fails if the file is there already: a reader never sees a
 * half-written secret, and the first process to link wins (the others read its secret and drop their own).
 */
export function loadOrCreateDataDirSecret(dataDir: string, fileName: string, create: () => string): string {
  const file = join(dataDir, fileName);
  const existing = readIfThere(file);
  if (existing !== undefined) return existing;
  mkdirSync(dataDir, { recursive: true });
  const mine = join(dataDir, `.${fileName}.${process.pid}.${randomBytes(6).toString('hex')}`);
  writeFileSync(mine, `${create().trim()}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(mine, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(mine);
  }
  return readFileSync(file, 'utf8').trim();
}

/** A random secret of `bytes` bytes in base64url, kept as above. */
export const loadOrCreateRandomSecret = (dataDir: string, fileName: string, bytes = 32): string =>
  loadOrCreateDataDirSecret(dataDir, fileName, () => randomBytes(bytes).toString('base64url'));

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
