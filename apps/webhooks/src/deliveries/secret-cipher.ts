import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError, loadOrCreateDataDirSecret } from '@hearth/platform';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** One key of `WEBHOOKS_SECRET_KEYS`: an id (stored beside each secret it encrypts) and 32 bytes. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

/**
 * Signing secrets at rest (ADR 0082): AES-256-GCM under the first of the configured keys, a random IV each time, the
 * subscription's id as associated data (a secret copied into another subscription's row does not decrypt), stored as
 * `v1:<keyId>:<iv|tag|ciphertext, base64url>`. Any configured key decrypts what it encrypted, so keys rotate by
 * putting a new one first; a value stored before encryption (`whsec_…`) is read as it is until it is re-encrypted.
 */
export class WebhookSecretCipher {
  constructor(private readonly keys: SecretKey[]) {
    if (keys.length === 0) throw new Error('No webhook secret key is configured.');
    for (const k of keys)
      if (k.key.length !== KEY_BYTES || !KEY_ID.test(k.id))
        throw new Error(
          `A webhook secret key must have an id of letters, digits, - or _ and ${KEY_BYTES} bytes.`,
        );
  }

  encrypt(secret: string, subscriptionId: string): string {
    const { id, key } = this.keys[0];
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(subscriptionId));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${VERSION}:${id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  decrypt(stored: string, subscriptionId: string): string {
    if (stored.startsWith('whsec_')) return stored;
    const [version, keyId, packed] = stored.split(':');
    const key = this.keys.find((k) => k.id === keyId)?.key;
    if (version !== VERSION || !packed || !key) throw new Error(`No key ${keyId} for a webhook secret.`);
    const raw = Buffer.from(packed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(subscriptionId));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Whether a stored value is under the current key (else it is re-encrypted at start). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${VERSION}:${this.keys[0].id}:`);
  }
}

/**
 * `WEBHOOKS_SECRET_KEYS`: `<id>:<32 random bytes in base64>`, comma-separated, the current key first (`openssl rand
 * -base64 32`). Errors never quote the value: it is a secret.
 */
export function parseSecretKeys(value: string): SecretKey[] {
  const keys = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf(':');
      const id = part.slice(0, at);
      const key = Buffer.from(part.slice(at + 1), 'base64');
      if (at < 1 || !KEY_ID.test(id) || key.length !== KEY_BYTES)
        throw new Error(
          `each key must be <id>:<${KEY_BYTES} bytes in base64>, the id letters, digits, - or _`,
        );
      return { id, key };
    });
  if (keys.length === 0) throw new Error('at least one key is needed');
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error('two keys have the same id');
  return keys;
}

/** `WEBHOOKS_SECRET_KEYS` at boot: a configuration error that names the variable, never its value. */
export function secretKeysFromEnv(value: string): SecretKey[] {
  try {
    return parseSecretKeys(value);
  } catch (err) {
    throw new ConfigError([`WEBHOOKS_SECRET_KEYS: ${(err as Error).message}`]);
  }
}

/** Standalone: one key generated into the data directory (mode 0600) and kept, like the TOTP key. */
export function loadOrCreateWebhookSecretKeys(dataDir: string): SecretKey[] {
  const file = 'webhooks-secret.key';
  const text = loadOrCreateDataDirSecret(
    dataDir,
    file,
    () => `standalone:${randomBytes(KEY_BYTES).toString('base64')}`,
  );
  try {
    return parseSecretKeys(text);
  } catch (err) {
    throw new Error(`${join(dataDir, file)}: ${(err as Error).message}`, { cause: err });
  }
}
