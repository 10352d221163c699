import { randomBytes, hkdfSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SESSION_KEY_BYTES = 32;

/** The session cookie's key from SESSION_SECRET (at least 32 characters), by HKDF-SHA256: fast, deterministic. */
export function sessionKeyFromSecret(secret: string): Buffer {
  if (secret.length < 32) throw new Error('SESSION_SECRET must be at least 32 characters.');
  return Buffer.from(hkdfSync('sha256', secret, 'hearth-web', 'session cookie key', SESSION_KEY_BYTES));
}

/**
 * Standalone: a random key kept in the data directory (mode 0600), so sessions survive a restart. Written
 * with `wx`, so two processes starting on one directory cannot each write their own.
 */
export function loadOrCreateSessionKey(dataDir: string): Buffer {
  const file = join(dataDir, 'web-session.key');
  try {
    return readKey(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(SESSION_KEY_BYTES).toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return readKey(file);
}

function readKey(file: string): Buffer {
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== SESSION_KEY_BYTES)
    throw new Error(`${file} does not hold a ${SESSION_KEY_BYTES}-byte key`);
  return key;
}
