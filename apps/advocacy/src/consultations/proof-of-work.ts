import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ProofOfWorkChallenge } from '@hearth/contracts';

/** What a challenge says, signed: for which consultation, how hard, until when; `r` makes each one new. */
interface ChallengeBody {
  c: string;
  d: number;
  e: number;
  r: string;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const sign = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest();

/** The number of zero bits a digest starts with. */
export function leadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** A new challenge for a consultation: `difficulty` bits, valid for `ttlMs` from `now`, signed with `key`. */
export function issueChallenge(
  key: Buffer,
  consultationId: string,
  difficulty: number,
  now: Date,
  ttlMs: number,
): ProofOfWorkChallenge {
  const body: ChallengeBody = {
    c: consultationId,
    d: difficulty,
    e: now.getTime() + ttlMs,
    r: b64(randomBytes(12)),
  };
  const encoded = b64(JSON.stringify(body));
  return {
    algorithm: 'sha256-leading-zero-bits',
    challenge: `${encoded}.${b64(sign(key, encoded))}`,
    difficulty,
    expiresAt: new Date(body.e).toISOString(),
  };
}

/** Why a solved challenge is refused (`null`: it holds), and when it expires, to remember it as used until then. */
export function checkSolution(
  key: Buffer,
  consultationId: string,
  challenge: string,
  nonce: string,
  now: Date,
): { refused: { field: 'challenge' | 'nonce'; message: string } } | { expiresAt: number } {
  const [encoded, signature] = challenge.split('.');
  const expected = sign(key, encoded);
  const given = Buffer.from(signature ?? '', 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { refused: { field: 'challenge', message: 'is not one this service gave' } };
  const body = JSON.parse(Buffer.from(encoded, 'base64url').toString()) as ChallengeBody;
  if (body.c !== consultationId.toLowerCase())
    return { refused: { field: 'challenge', message: 'was given for another consultation' } };
  if (body.e <= now.getTime())
    return {
      refused: { field: 'challenge', message: 'has expired: read the consultation again for a new one' },
    };
  if (!solves(challenge, nonce, body.d))
    return {
      refused: {
        field: 'nonce',
        message: `does not solve the challenge (${body.d} leading zero bits needed)`,
      },
    };
  return { expiresAt: body.e };
}

/** Whether SHA-256(challenge ‖ nonce) starts with `difficulty` zero bits. */
export const solves = (challenge: string, nonce: string, difficulty: number) =>
  leadingZeroBits(createHash('sha256').update(`${challenge}${nonce}`).digest()) >= difficulty;

/** Finds a nonce for a challenge (`solved: false`: one that does not solve it), as a respondent's browser does. */
export function solveChallenge(challenge: string, difficulty: number, solved = true): string {
  for (let n = 0; ; n += 1)
    if (solves(challenge, n.toString(36), difficulty) === solved) return n.toString(36);
}
