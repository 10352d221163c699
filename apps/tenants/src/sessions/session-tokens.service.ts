import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidv7 } from 'uuidv7';
import { SECOND_FACTOR_ROLES, type Grant, type TokenPair } from '@hearth/contracts';
import { DEFAULT_ACCESS_TOKEN_TTL_SECONDS, signAccessToken } from '@hearth/auth';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, horizonOf, type TenantsOptions } from '../tenants.options';
import { AccountsRepository } from '../accounts/accounts.repository';
import { accountDisabled } from '../accounts/accounts.exception';
import { hashSecretToken, newSecretToken } from '../secret-token.util';
import { TenantsRepository } from '../leros/tenants.repository';
import { RefreshToken } from './refresh-token.entity';
import { badRefresh } from './sessions.exception';

interface Family {
  id: string;
  sessionExpiresAt: Date;
  secondFactor: boolean;
}

/**
 * Issues the token pairs of sign-ins (refresh-token families): a new sign-in, or the next pair of one. A sign-in
 * that passed no second factor gets tokens without the account's admin grants (ADR 15).
 */
@Injectable()
export class SessionTokens {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly accounts: AccountsRepository,
    private readonly tenants: TenantsRepository,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  private now() {
    return clockOf(this.options);
  }

  /** A new sign-in. */
  async start(accountId: string, secondFactor: boolean): Promise<TokenPair> {
    const sessionExpiresAt = new Date(this.now().getTime() + horizonOf(this.options, 'refreshAbsoluteTtlMs'));
    const pair = await this.issue(accountId, { id: uuidv7(), sessionExpiresAt, secondFactor }, () =>
      Promise.resolve(true),
    );
    return pair!;
  }

  /**
   * Spends `token` and issues the next pair of its sign-in in one transaction, so the sign-in always has a live
   * token; null when the token was spent already (of two concurrent uses exactly one wins) or has lapsed.
   */
  rotate(token: RefreshToken): Promise<TokenPair | null> {
    const family = {
      id: token.familyId,
      sessionExpiresAt: token.sessionExpiresAt,
      secondFactor: token.secondFactor,
    };
    return this.issue(token.accountId, family, async (tx) => {
      const spent = await tx.nativeUpdate(
        RefreshToken,
        { id: token.id, spentAt: null, revokedAt: null, expiresAt: { $gt: this.now() } },
        { spentAt: this.now() },
      );
      return spent === 1;
    });
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db.em().nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: this.now() });
  }

  private async issue(
    accountId: string,
    family: Family,
    spend: (tx: EntityManager) => Promise<boolean>,
  ): Promise<TokenPair | null> {
    const em = this.db.em();
    const account = await this.accounts.findById(em, accountId);
    if (!account) throw badRefresh();
    if (account.disabledAt) {
      await this.revokeFamily(family.id);
      throw accountDisabled('UNAUTHENTICATED');
    }
    const all = await this.accounts.grantsOf(em, accountId);
    // Without a second factor, admin roles wait: the token simply does not carry them, so no service can
    // forget to check.
    const grants = family.secondFactor ? all : all.filter((g) => !SECOND_FACTOR_ROLES.includes(g.role));
    const closedTenantIds = await this.closedTenants(em, grants);
    const refreshToken = newSecretToken();
    const now = this.now();
    const issued = await em.transactional(async (tx) => {
      if (!(await spend(tx))) return false;
      tx.persist(
        tx.create(RefreshToken, {
          accountId,
          familyId: family.id,
          tokenHash: hashSecretToken(refreshToken),
          // Sliding, but never past the end of the sign-in.
          expiresAt: new Date(
            Math.min(
              now.getTime() + horizonOf(this.options, 'refreshIdleTtlMs'),
              family.sessionExpiresAt.getTime(),
            ),
          ),
          sessionExpiresAt: family.sessionExpiresAt,
          secondFactor: family.secondFactor,
          createdAt: now,
        }),
      );
      return true;
    });
    if (!issued) return null;
    const ttl = this.options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = signAccessToken(
      { accountId, email: account.email, grants, closedTenantIds, sessionId: family.id },
      this.options.signingKey,
      ttl,
    );
    return {
      accessToken,
      refreshToken,
      expiresIn: ttl,
      tokenType: 'Bearer',
      ...(grants.length < all.length ? { mfaSetupRequired: true as const } : {}),
    };
  }

  /**
   * The LEROs of the account's grants that are suspended or archived, unless it oversees their region: every
   * service refuses them from the token alone, within one token lifetime of the change.
   */
  private async closedTenants(em: EntityManager, grants: Grant[]): Promise<string[]> {
    const ids = [...new Set(grants.flatMap((g) => (g.tenantId ? [g.tenantId] : [])))];
    if (ids.length === 0) return [];
    const closed = await this.tenants.closedAmong(em, ids);
    const oversees = (regionId: string) =>
      grants.some(
        (g) => g.role === 'platform-admin' || (g.role === 'region-admin' && g.regionId === regionId),
      );
    return closed.filter((t) => !oversees(t.regionId)).map((t) => t.id);
  }
}
