import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@hearth/platform';
import {
  TotpSecretCipher,
  loadOrCreateTotpKey,
  totpKeyFromBase64,
  totpKeyFromEnv,
} from './totp-secret-cipher';

const accountId = '0190a000-0000-7000-8000-000000000001';
const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('TotpSecretCipher', () => {
  const cipher = new TotpSecretCipher(randomBytes(32));

  it('gives the secret back to its account only, and never stores it in clear', () => {
    const stored = cipher.encrypt(secret, accountId);
    expect(stored).toMatch(/^v1:[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain(secret);
    expect(cipher.encrypt(secret, accountId)).not.toBe(stored); // a new IV each time
    expect(cipher.decrypt(stored, accountId)).toBe(secret);
    // Copied into another account's row, or tampered with, it does not decrypt.
    expect(() => cipher.decrypt(stored, '0190a000-0000-7000-8000-000000000002')).toThrow();
    const tampered = `${stored.slice(0, -2)}${stored.endsWith('A') ? 'B' : 'A'}${stored.slice(-1)}`;
    expect(() => cipher.decrypt(tampered, accountId)).toThrow();
    expect(() => new TotpSecretCipher(randomBytes(32)).decrypt(stored, accountId)).toThrow();
  });

  it('takes only a 32-byte key', () => {
    expect(() => new TotpSecretCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('TOTP_ENCRYPTION_KEY', () => {
  it('is 32 random bytes in base64 (or base64url); anything else stops the service at boot', () => {
    const key = randomBytes(32);
    expect(totpKeyFromBase64(key.toString('base64'))).toEqual(key);
    expect(totpKeyFromBase64(key.toString('base64url'))).toEqual(key);
    for (const bad of ['', 'short', randomBytes(16).toString('base64'), `${key.toString('hex')}`])
      expect(() => totpKeyFromBase64(bad)).toThrow(/32 random bytes/);
    expect(() => totpKeyFromEnv({})).toThrow(ConfigError);
    expect(() => totpKeyFromEnv({ TOTP_ENCRYPTION_KEY: 'nope' })).toThrow(ConfigError);
    expect(totpKeyFromEnv({ TOTP_ENCRYPTION_KEY: key.toString('base64') })).toEqual(key);
  });

  it('is read from TOTP_ENCRYPTION_KEY_FILE (a mounted secret), and generated once into standalone’s data directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-totp-'));
    try {
      const file = join(dir, 'mounted');
      const key = randomBytes(32);
      writeFileSync(file, `${key.toString('base64')}\n`);
      expect(totpKeyFromEnv({ TOTP_ENCRYPTION_KEY_FILE: file })).toEqual(key);
      const generated = loadOrCreateTotpKey(join(dir, 'data'));
      expect(generated).toHaveLength(32);
      expect(loadOrCreateTotpKey(join(dir, 'data'))).toEqual(generated);
      const kept = join(dir, 'data', 'totp-encryption.key');
      expect(statSync(kept).mode & 0o777).toBe(0o600);
      expect(readFileSync(kept, 'utf8').trim()).toBe(generated.toString('base64'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
