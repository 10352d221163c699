import { TOTP, Secret } from 'otpauth';
import { newTotpSecret, totpStepOf, totpUri } from './totp.util';

const codeAt = (secret: string, ms: number) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: ms, period: 30 });

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = new Date('2026-12-04T10:00:10Z');
  const step = Math.floor(now.getTime() / 30_000);

  it('makes 160-bit secrets, and a URI every authenticator app reads', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    expect(totpUri(secret, 'sam@example.org')).toBe(
      `otpauth://totp/Hearth:sam%40example.org?issuer=Hearth&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it('accepts the code of this step and of one step either side, and says which step it was', () => {
    expect(totpStepOf(secret, codeAt(secret, now.getTime()), now)).toBe(step);
    expect(totpStepOf(secret, codeAt(secret, now.getTime() - 30_000), now)).toBe(step - 1);
    expect(totpStepOf(secret, codeAt(secret, now.getTime() + 30_000), now)).toBe(step + 1);
  });

  it('refuses codes two steps away, and codes of another secret', () => {
    expect(totpStepOf(secret, codeAt(secret, now.getTime() - 60_000), now)).toBeNull();
    expect(totpStepOf(secret, codeAt(secret, now.getTime() + 60_000), now)).toBeNull();
    const other = newTotpSecret();
    const code = codeAt(other, now.getTime());
    const ownNearby = [-1, 0, 1].map((d) => codeAt(secret, now.getTime() + d * 30_000));
    if (!ownNearby.includes(code)) expect(totpStepOf(secret, code, now)).toBeNull();
  });
});
