import { hashSecretToken, newSecretToken, normaliseEmail } from './secret-token.util';

describe('newSecretToken', () => {
  it('makes 43 url-safe characters (256 bits, base64url, no padding)', () => {
    for (let i = 0; i < 50; i++) expect(newSecretToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('makes a different token every time', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newSecretToken()));
    expect(tokens.size).toBe(1000);
  });

  it('carries 32 random bytes', () => {
    expect(Buffer.from(newSecretToken(), 'base64url')).toHaveLength(32);
  });
});

describe('hashSecretToken', () => {
  it('is a stable 64-hex SHA-256 of the token', () => {
    const token = newSecretToken();
    const hash = hashSecretToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecretToken(token)).toBe(hash);
  });

  it('is the SHA-256 hex digest (known vector)', () => {
    expect(hashSecretToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('differs from the token and between tokens', () => {
    const a = newSecretToken();
    const b = newSecretToken();
    expect(hashSecretToken(a)).not.toBe(a);
    expect(hashSecretToken(a)).not.toContain(a);
    expect(hashSecretToken(a)).not.toBe(hashSecretToken(b));
  });
});

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail('  Alice.Smith@Example.ORG \n')).toBe('alice.smith@example.org');
  });

  it('leaves a normalised address unchanged', () => {
    expect(normaliseEmail('bob@example.org')).toBe('bob@example.org');
  });

  it('makes differently written forms of one address equal', () => {
    expect(normaliseEmail('BOB@example.org')).toBe(normaliseEmail(' bob@EXAMPLE.org'));
  });
});
