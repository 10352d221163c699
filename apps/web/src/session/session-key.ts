import { randomBytes, hkdfSync } from 'node:crypto';
import { join } from 'node:path';
import { loadOrCreateDataDirSecret } from '@hearth/platform';

export const SESSION_KEY_BYTES = 32;

/** The session cookie's key from SESSION_SECRET (at least 32 characters), by HKDF-SHA256: fast, deterministic. */
export function sessionKeyFromSecret(secret: string): Buffer {
  if (secret.length < 32) throw new Error('SESSION_SECRET must be at least 32 characters.');
  return Buffer.from(hkdfSync('sha256', secret, 'hearth-web', 'session cookie key', SESSION_KEY_BYTES));
}

/** Standalone: a random key kept in the data directory (mode 0600), so sessions survive a restart. */
export function loadOrCreateSessionKey(dataDir: string): Buffer {
  const text = loadOrCreateDataDirSecret(dataDir, 'web-session.key', () =>
    randomBytes(SESSION_KEY_BYTES).toString('base64'),
  );
  return keyOf(join(dataDir, 'web-session.key'), text);
}

function keyOf(file: string, text: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== SESSION_KEY_BYTES)
    throw new Error(`${file} does not hold a ${SESSION_KEY_BYTES}-byte key`);
  return key;
}
