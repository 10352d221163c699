import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidv7 } from 'uuidv7';
import {
  AppError,
  type Grant,
  type LoginDto,
  type MeView,
  type RefreshDto,
  type RequestContext,
  type TokenPair,
} from '@hearth/contracts';
import { DEFAULT_ACCESS_TOKEN_TTL_SECONDS, requireActor, signAccessToken } from '@hearth/auth';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, horizonOf, type TenantsOptions } from '../tenants.options';
import { AccountsRepository } from '../accounts/accounts.repository';
import { hashPassword, verifyPassword } from '../accounts/password.util';
import { accountDisabled } from '../accounts/accounts.exception';
import { hashSecretToken, newSecretToken, normaliseEmail } from '../secret-token.util';
import { Tenant } from '../leros/tenant.entity';
import { AuditService } from '../audit/audit.service';
import { RefreshToken } from './refresh-token.entity';
import { SignInThrottle } from './sign-in-throttle';
import { revokeSessions } from './sessions';

const BAD_LOGIN = 'The email or password is not right.';
const BAD_REFRESH = 'The refresh token is not valid. Please sign in again.';

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so both failures take the same time. */
  private readonly dummyHash = hashPassword(newSecretToken());

  constructor(
    private readonly db: TenantsDatabase,
    private readonly accounts: AccountsRepository,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  private now() {
    return clockOf(this.options);
  }

  async login(dto: LoginDto): Promise<TokenPair> {
    const em = this.db.em();
    const email = normaliseEmail(dto.email);
    await this.throttle.check(email);
    const account = await this.accounts.findByEmail(em, email);
    const ok = await verifyPassword(account?.passwordHash ?? (await this.dummyHash), dto.password);
    if (!account || !ok) {
      await this.throttle.recordFailure(email);
      throw new AppError('UNAUTHENTICATED', BAD_LOGIN);
    }
    await this.throttle.reset(email);
    // Said only to whoever knows the password: a disabled account's email learns nothing more than a wrong one.
    if (account.disabledAt) throw accountDisabled();
    const sessionExpiresAt = new Date(this.now().getTime() + horizonOf(this.options, 'refreshAbsoluteTtlMs'));
    return this.issue(account.id, uuidv7(), sessionExpiresAt);
  }

  async refresh(dto: RefreshDto): Promise<TokenPair> {
    const em = this.db.em();
    const token = await em.findOne(RefreshToken, { tokenHash: hashSecretToken(dto.refreshToken) });
    if (!token) throw new AppError('UNAUTHENTICATED', BAD_REFRESH);
    const account = await this.accounts.findById(em, token.accountId);
    if (account?.disabledAt) {
      await this.revokeFamily(token.familyId);
      throw accountDisabled('UNAUTHENTICATED');
    }
    // Spend atomically: of two concurrent uses, exactly one wins; the loser is treated as reuse.
    const spent = await em.nativeUpdate(
      RefreshToken,
      { id: token.id, spentAt: null, revokedAt: null, expiresAt: { $gt: this.now() } },
      { spentAt: this.now() },
    );
    if (spent !== 1) {
      if (token.spentAt || token.revokedAt || spent === 0) await this.revokeFamily(token.familyId);
      throw new AppError('UNAUTHENTICATED', BAD_REFRESH, { reason: 'RefreshTokenReused' });
    }
    return this.issue(token.accountId, token.familyId, token.sessionExpiresAt);
  }

  async logout(dto: RefreshDto): Promise<{ revoked: boolean }> {
    const token = await this.db.em().findOne(RefreshToken, { tokenHash: hashSecretToken(dto.refreshToken) });
    if (token) await this.revokeFamily(token.familyId);
    return { revoked: !!token };
  }

  async me(ctx: RequestContext): Promise<MeView> {
    const actor = requireActor(ctx.actor);
    const em = this.db.em();
    const account = await this.accounts.findById(em, actor.accountId);
    if (!account) throw new AppError('UNAUTHENTICATED', 'This account no longer exists.');
    if (account.disabledAt) throw accountDisabled('UNAUTHENTICATED');
    return {
      id: account.id,
      email: account.email,
      displayName: account.displayName,
      grants: await this.accounts.grantsOf(em, account.id),
    };
  }

  /** Signs the account out everywhere: every refresh token of every sign-in, this one's included. */
  async logoutAll(ctx: RequestContext): Promise<{ revoked: number }> {
    const actor = requireActor(ctx.actor);
    const em = this.db.em();
    const revoked = await revokeSessions(em, actor.accountId, this.now());
    await this.audit.recordForAccount(
      await this.audit.leroIdsOf(em, actor.accountId),
      ctx,
      'account.signed-out-everywhere',
      { accountId: actor.accountId },
    );
    return { revoked };
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.db.em().nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: this.now() });
  }

  private async issue(accountId: string, familyId: string, sessionExpiresAt: Date): Promise<TokenPair> {
    const em = this.db.em();
    const account = await this.accounts.findById(em, accountId);
    if (!account) throw new AppError('UNAUTHENTICATED', BAD_REFRESH);
    if (account.disabledAt) {
      await this.revokeFamily(familyId);
      throw accountDisabled('UNAUTHENTICATED');
    }
    const grants = await this.accounts.grantsOf(em, accountId);
    const closedTenantIds = await this.closedTenants(em, grants);
    const refreshToken = newSecretToken();
    em.persist(
      em.create(RefreshToken, {
        accountId,
        familyId,
        tokenHash: hashSecretToken(refreshToken),
        // Sliding, but never past the end of the sign-in.
        expiresAt: new Date(
          Math.min(
            this.now().getTime() + horizonOf(this.options, 'refreshIdleTtlMs'),
            sessionExpiresAt.getTime(),
          ),
        ),
        sessionExpiresAt,
        createdAt: this.now(),
      }),
    );
    await em.flush();
    const ttl = this.options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = signAccessToken(
      { accountId, email: account.email, grants, closedTenantIds },
      this.options.signingKey,
      ttl,
    );
    return { accessToken, refreshToken, expiresIn: ttl, tokenType: 'Bearer' };
  }

  /**
   * The LEROs of the account's grants that are suspended or archived, unless it oversees their region: every
   * service refuses them from the token alone, within one token lifetime of the change.
   */
  private async closedTenants(em: EntityManager, grants: Grant[]): Promise<string[]> {
    const ids = [...new Set(grants.flatMap((g) => (g.tenantId ? [g.tenantId] : [])))];
    if (ids.length === 0) return [];
    const closed = await em.find(
      Tenant,
      { id: { $in: ids }, status: { $in: ['suspended', 'archived'] } },
      { fields: ['id', 'regionId'] },
    );
    const oversees = (regionId: string) =>
      grants.some(
        (g) => g.role === 'platform-admin' || (g.role === 'region-admin' && g.regionId === regionId),
      );
    return closed.filter((t) => !oversees(t.regionId)).map((t) => t.id);
  }
}
