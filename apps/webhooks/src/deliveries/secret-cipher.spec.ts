import { randomBytes } from 'node:crypto';
import { parseSecretKeys, WebhookSecretCipher } from './secret-cipher';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('webhook secrets at rest', () => {
  const sub = '01900000-0000-7000-8000-0000000000a1';
  const secret = `whsec_${randomBytes(32).toString('base64')}`;

  it('encrypts under the first key, bound to the subscription, and decrypts with any configured key', () => {
    const [old, current] = [key('k1'), key('k2')];
    const stored = new WebhookSecretCipher([old]).encrypt(secret, sub);
    expect(stored).toMatch(/^v1:k1:/);
    expect(stored).not.toContain(secret.slice(6, 20));
    const rotated = new WebhookSecretCipher([current, old]);
    expect(rotated.decrypt(stored, sub)).toBe(secret);
    expect(rotated.isCurrent(stored)).toBe(false);
    expect(rotated.isCurrent(rotated.encrypt(secret, sub))).toBe(true);
    expect(() => rotated.decrypt(stored, '01900000-0000-7000-8000-0000000000a2')).toThrow();
    expect(() => new WebhookSecretCipher([current]).decrypt(stored, sub)).toThrow(/No key k1/);
  });

  it('reads a secret stored before encryption as it is', () => {
    expect(new WebhookSecretCipher([key('k1')]).decrypt(secret, sub)).toBe(secret);
  });

  it('parses WEBHOOKS_SECRET_KEYS and refuses a malformed one without quoting it', () => {
    const a = randomBytes(32).toString('base64');
    const b = randomBytes(32).toString('base64');
    expect(parseSecretKeys(`2026-12:${a}, 2026-06:${b}`).map((k) => k.id)).toEqual(['2026-12', '2026-06']);
    for (const bad of [
      '',
      `:${a}`,
      `k1:${randomBytes(16).toString('base64')}`,
      `k 1:${a}`,
      `k1:${a},k1:${b}`,
    ])
      expect(() => parseSecretKeys(bad)).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining(a) }),
      );
  });
});
