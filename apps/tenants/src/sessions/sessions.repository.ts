import type { EntityManager } from '@mikro-orm/postgresql';
import { RefreshToken } from './refresh-token.entity';

/**
 * Ends every sign-in of an account at once (but `keepFamilyId`'s, when given): its refresh tokens stop working
 * now, and the access tokens already issued lapse within their lifetime (ACCESS_TOKEN_TTL). Returns how many were
 * still live.
 */
export function revokeSessions(
  em: EntityManager,
  accountId: string,
  at: Date,
  keepFamilyId?: string,
): Promise<number> {
  return em.nativeUpdate(
    RefreshToken,
    { accountId, revokedAt: null, ...(keepFamilyId ? { familyId: { $ne: keepFamilyId } } : {}) },
    { revokedAt: at },
  );
}
