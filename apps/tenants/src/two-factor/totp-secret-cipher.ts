import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readKeyPems, type KeyVariables } from '@hearth/auth';
import { ConfigError, loadOrCreateDataDirSecret } from '@hearth/platform';

export const TOTP_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

/**
 * Authenticator secrets at rest: AES-256-GCM with a key from configuration (TOTP_ENCRYPTION_KEY), a random IV
 * each time, and the account id as associated data, so a secret copied into another account's row does not
 * decrypt. A database dump alone gives nobody anyone's codes.
 */
export class TotpSecretCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== TOTP_KEY_BYTES)
      throw new Error(`The TOTP encryption key must be ${TOTP_KEY_BYTES} bytes.`);
  }

  encrypt(secret: string, accountId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(accountId));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  decrypt(stored: string, accountId: string): string {
    const [version, packed] = stored.split(':');
    if (version !== VERSION || !packed) throw new Error('Unknown TOTP secret format.');
    const raw = Buffer.from(packed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(accountId));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  }
}

/** TOTP_ENCRYPTION_KEY: 32 random bytes in base64 (`openssl rand -base64 32`); anything else is refused. */
export function totpKeyFromBase64(value: string): Buffer {
  const text = value.trim();
  const key = Buffer.from(text, /[-_]/.test(text) ? 'base64url' : 'base64');
  if (key.length !== TOTP_KEY_BYTES || !/^[A-Za-z0-9+/_-]+=*$/.test(text))
    throw new Error(
      `must be ${TOTP_KEY_BYTES} random bytes in base64 (openssl rand -base64 ${TOTP_KEY_BYTES})`,
    );
  return key;
}

/** The key from TOTP_ENCRYPTION_KEY or the file TOTP_ENCRYPTION_KEY_FILE names; missing or malformed stops boot. */
export function totpKeyFromEnv(env: KeyVariables): Buffer {
  const { TOTP_ENCRYPTION_KEY } = readKeyPems(env, ['TOTP_ENCRYPTION_KEY']);
  try {
    return totpKeyFromBase64(TOTP_ENCRYPTION_KEY);
  } catch (err) {
    // Said without the value: it is a secret.
    throw new ConfigError([`TOTP_ENCRYPTION_KEY: ${(err as Error).message}`]);
  }
}

/** Standalone: a key generated once into the data directory (mode 0600) and kept, like the signing key. */
export function loadOrCreateTotpKey(dataDir: string): Buffer {
  const file = 'totp-encryption.key';
  const text = loadOrCreateDataDirSecret(dataDir, file, () => randomBytes(TOTP_KEY_BYTES).toString('base64'));
  try {
    return totpKeyFromBase64(text);
  } catch (err) {
    throw new Error(`${join(dataDir, file)}: ${(err as Error).message}`, { cause: err });
  }
}
