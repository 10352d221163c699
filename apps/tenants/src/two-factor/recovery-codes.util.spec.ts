import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes.util';

describe('recovery codes', () => {
  it('are ten different codes that read well on paper', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });

  it('match whatever the case, spaces or dash, and are hashed per account', () => {
    expect(normaliseRecoveryCode(' K7PQ2 XM4RT ')).toBe('k7pq2xm4rt');
    const a = '0190a000-0000-7000-8000-000000000001';
    const b = '0190a000-0000-7000-8000-000000000002';
    expect(hashRecoveryCode(a, 'k7pq2-xm4rt')).toBe(hashRecoveryCode(a, 'K7PQ2XM4RT'));
    expect(hashRecoveryCode(a, 'k7pq2-xm4rt')).not.toBe(hashRecoveryCode(b, 'k7pq2-xm4rt'));
    expect(hashRecoveryCode(a, 'k7pq2-xm4rt')).toMatch(/^[0-9a-f]{64}$/);
  });
});
