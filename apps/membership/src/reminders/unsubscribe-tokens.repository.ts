import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A well-formed link token: 32 random bytes in base64url. */
export const UNSUBSCRIBE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The links that stop a member's reminders (ADR 0081): one per email, 256 random bits, kept only as SHA-256
 * (like reset links), in `unsubscribe_tokens` (no RLS: the public route that uses one knows no LERO yet).
 */
@Injectable()
export class UnsubscribeTokensRepository {
  /** A new token for the member, stored hashed in the caller's transaction; the plain token goes in the email. */
  async issue(em: EntityManager, tenantId: string, memberId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await em.execute(
      `insert into membership.unsubscribe_tokens (token_hash, tenant_id, member_id) values (?, ?, ?)`,
      [hashOf(token), tenantId, memberId],
    );
    return token;
  }

  /** Whose token it is, if any. */
  async find(
    em: EntityManager,
    token: string,
  ): Promise<{ tenant_id: string; member_id: string } | undefined> {
    const [row] = await em.execute<{ tenant_id: string; member_id: string }[]>(
      `select tenant_id, member_id from membership.unsubscribe_tokens where token_hash = ?`,
      [hashOf(token)],
    );
    return row;
  }

  /** Every token of a member (an erasure). */
  async forget(em: EntityManager, memberId: string): Promise<void> {
    await em.execute(`delete from membership.unsubscribe_tokens where member_id = ?`, [memberId]);
  }
}
