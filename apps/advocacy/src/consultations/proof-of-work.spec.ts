import { checkSolution, issueChallenge, leadingZeroBits, solveChallenge } from './proof-of-work';

const KEY = Buffer.from('a key of the advocacy service, for the tests');
const ID = '01939a4c-0000-7000-8000-000000000001';
const NOW = new Date('2026-12-05T10:00:00Z');

describe('proof-of-work challenges of public responses', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Buffer.from([0x80]))).toBe(0);
    expect(leadingZeroBits(Buffer.from([0x01, 0xff]))).toBe(7);
    expect(leadingZeroBits(Buffer.from([0x00, 0x10]))).toBe(11);
    expect(leadingZeroBits(Buffer.from([0x00, 0x00]))).toBe(16);
  });

  it('takes a solved challenge of its consultation, before it expires', () => {
    const c = issueChallenge(KEY, ID, 8, NOW, 60_000);
    expect(c).toMatchObject({ difficulty: 8, expiresAt: '2026-12-05T10:01:00.000Z' });
    const nonce = solveChallenge(c.challenge, 8);
    expect(checkSolution(KEY, ID, c.challenge, nonce, NOW)).toEqual({ expiresAt: NOW.getTime() + 60_000 });
  });

  it('refuses a wrong nonce, a forged or tampered challenge, another consultation’s, an expired one', () => {
    const c = issueChallenge(KEY, ID, 12, NOW, 60_000);
    const nonce = solveChallenge(c.challenge, 12);
    expect(checkSolution(KEY, ID, c.challenge, solveChallenge(c.challenge, 12, false), NOW)).toMatchObject({
      refused: { field: 'nonce' },
    });
    const [body, signature] = c.challenge.split('.');
    const easier = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), d: 0 }),
    ).toString('base64url');
    expect(checkSolution(KEY, ID, `${easier}.${signature}`, nonce, NOW)).toMatchObject({
      refused: { field: 'challenge' },
    });
    expect(checkSolution(Buffer.from('another key'), ID, c.challenge, nonce, NOW)).toMatchObject({
      refused: { field: 'challenge' },
    });
    expect(checkSolution(KEY, ID, body, nonce, NOW)).toMatchObject({ refused: { field: 'challenge' } });
    expect(checkSolution(KEY, ID.replace(/1$/, '2'), c.challenge, nonce, NOW)).toMatchObject({
      refused: { field: 'challenge', message: 'was given for another consultation' },
    });
    expect(checkSolution(KEY, ID, c.challenge, nonce, new Date(NOW.getTime() + 60_000))).toMatchObject({
      refused: { field: 'challenge' },
    });
  });
});
