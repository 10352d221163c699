import { hashPassword, verifyPassword } from './password.util';

describe('password hashes', () => {
  it('are argon2id at its recommended cost unless a test asks for less, and check at the cost they were made', async () => {
    const strong = await hashPassword('a long enough passphrase');
    expect(strong).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    const cheap = await hashPassword('a long enough passphrase', {
      memoryCost: 1024,
      timeCost: 1,
      parallelism: 1,
    });
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    expect(await verifyPassword(strong, 'a long enough passphrase')).toBe(true);
    expect(await verifyPassword(cheap, 'a long enough passphrase')).toBe(true);
    expect(await verifyPassword(cheap, 'another passphrase')).toBe(false);
    expect(await verifyPassword('not a hash', 'a long enough passphrase')).toBe(false);
  });
});
