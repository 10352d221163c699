import { createHash, randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/l/i: read off paper without doubt. 31 symbols × 10 ≈ 49 bits, more than guessing can reach. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten new codes, as shown to the person (`k7pq2-xm4rt`). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** As typed: case, spaces and the dash do not matter. */
export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

/** Random codes need no slow hash; the account id keeps equal codes of two accounts apart. */
export const hashRecoveryCode = (accountId: string, code: string) =>
  createHash('sha256')
    .update(`hearth-recovery:${accountId}:${normaliseRecoveryCode(code)}`)
    .digest('hex');
