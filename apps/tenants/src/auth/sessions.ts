import type { EntityManager } from '@mikro-orm/postgresql';
import { RefreshToken } from './refresh-token.entity';

/**
 * Ends every sign-in of an account at once: its refresh tokens stop working now, and the access tokens already
 * issued lapse within their lifetime (ACCESS_TOKEN_TTL). Returns how many were still live.
 */
export function revokeSessions(em: EntityManager, accountId: string, at: Date): Promise<number> {
  return em.nativeUpdate(RefreshToken, { accountId, revokedAt: null }, { revokedAt: at });
}
