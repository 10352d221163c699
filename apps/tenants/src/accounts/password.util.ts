import argon2 from 'argon2';

export const MIN_PASSWORD_LENGTH = 12;

/** argon2id's work per hash: memory in KiB, passes, lanes. */
export interface PasswordHashCost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** argon2id's recommended defaults (64 MiB, 3 passes, 4 lanes): ~0.2 s of CPU a hash, on purpose. */
export const PASSWORD_HASH_COST: PasswordHashCost = { memoryCost: 65536, timeCost: 3, parallelism: 4 };

/**
 * A password's hash at `cost` (production: always the default). Checking reads the cost from the hash itself, so
 * hashes of any cost keep working.
 */
export const hashPassword = (password: string, cost: PasswordHashCost = PASSWORD_HASH_COST) =>
  argon2.hash(password, { type: argon2.argon2id, ...cost });

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
