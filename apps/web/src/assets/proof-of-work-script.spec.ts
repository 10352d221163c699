import { createHash } from 'node:crypto';
import { proofOfWorkScript } from '../../test/proof-of-work-script';

const { leadingZeroBits, solve } = proofOfWorkScript;

/** The check as the advocacy service makes it (ADR 0067), written again here from its definition. */
const zeroBits = (challenge: string, nonce: string) => {
  const digest = createHash('sha256').update(`${challenge}${nonce}`).digest();
  const first = [...digest].findIndex((b) => b !== 0);
  return first < 0 ? 256 : first * 8 + Math.clz32(digest[first]) - 24;
};

describe('the public consultation page’s proof-of-work script (ADR 0074)', () => {
  it('counts the zero bits a digest starts with', () => {
    expect(leadingZeroBits(new Uint8Array([0x80, 0]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0x01]))).toBe(7);
    expect(leadingZeroBits(new Uint8Array([0, 0, 0x20, 0xff]))).toBe(18);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });

  it('finds the first nonce, in letters and digits, whose hash starts with the zero bits asked', async () => {
    for (const [challenge, difficulty] of [
      ['eyJjIjoiYSJ9.c2ln', 8],
      ['another.challenge', 12],
    ] as const) {
      const nonce = await solve(challenge, difficulty);
      expect(nonce).toMatch(/^[a-z0-9]{1,64}$/);
      expect(zeroBits(challenge, nonce)).toBeGreaterThanOrEqual(difficulty);
      // The first one: every nonce before it (0, 1, … in base 36) falls short.
      const n = parseInt(nonce, 36);
      for (let i = 0; i < n; i++) expect(zeroBits(challenge, i.toString(36))).toBeLessThan(difficulty);
    }
  });

  it('finds the same nonce whatever the size of its batches', async () => {
    const one = await solve('batch.sizes', 10, globalThis.crypto.subtle, 1);
    expect(await solve('batch.sizes', 10, globalThis.crypto.subtle, 1000)).toBe(one);
  });

  it('takes any nonce when no zero bits are asked', async () => {
    expect(await solve('easy.one', 0)).toBe('0');
  });
});
