import { Inject, Injectable } from '@nestjs/common';
import {
  type LoginDto,
  type LoginResult,
  type MeView,
  type RefreshDto,
  type RequestContext,
  type SignInSessionView,
  type TokenPair,
} from '@hearth/contracts';
import { requireActor } from '@hearth/auth';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { AccountsRepository } from '../accounts/accounts.repository';
import { hashPassword, verifyPassword } from '../accounts/password.util';
import { accountDisabled, accountGone } from '../accounts/accounts.exception';
import { hashSecretToken, newSecretToken, normaliseEmail } from '../secret-token.util';
import { AuditService } from '../audit/audit.service';
import { TwoFactorCodes } from '../two-factor/two-factor-codes.service';
import { SecondFactorSignIn } from '../two-factor/second-factor-sign-in.service';
import { TwoFactorSetupService } from '../two-factor/two-factor-setup.service';
import { RefreshToken } from '../sessions/refresh-token.entity';
import { SignInThrottle } from '../sessions/sign-in-throttle';
import { SessionTokens } from '../sessions/session-tokens.service';
import { badRefresh, refreshTokenReused, sessionEnded } from '../sessions/sessions.exception';
import { badLogin } from './auth.exception';
import { revokeSessions } from '../sessions/sessions.repository';

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so both failures take the same time. */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly db: TenantsDatabase,
    private readonly accounts: AccountsRepository,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
    private readonly tokens: SessionTokens,
    private readonly codes: TwoFactorCodes,
    private readonly secondFactor: SecondFactorSignIn,
    private readonly twoFactor: TwoFactorSetupService,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {
    this.dummyHash = hashPassword(newSecretToken(), options.passwordHashCost);
  }

  private now() {
    return clockOf(this.options);
  }

  /** Tokens for a right password; for an account with two-factor sign-in, a challenge for the second step. */
  async login(dto: LoginDto): Promise<LoginResult> {
    const em = this.db.em();
    const email = normaliseEmail(dto.email);
    await this.throttle.check(email);
    const account = await this.accounts.findByEmail(em, email);
    const ok = await verifyPassword(account?.passwordHash ?? (await this.dummyHash), dto.password);
    if (!account || !ok) {
      await this.throttle.recordFailure(email);
      throw badLogin();
    }
    // Said only to whoever knows the password: a disabled account's email learns nothing more than a wrong one.
    if (account.disabledAt) throw accountDisabled();
    // With a second factor to come, the count of failures stands until it is given: knowing the password must
    // not buy fresh guesses at the code.
    if ((await this.codes.stateOf(em, account.id))?.enabledAt) return this.secondFactor.challenge(account);
    await this.throttle.reset(email);
    return this.tokens.start(account.id, false);
  }

  async refresh(dto: RefreshDto): Promise<TokenPair> {
    const em = this.db.em();
    const token = await em.findOne(RefreshToken, { tokenHash: hashSecretToken(dto.refreshToken) });
    if (!token) throw badRefresh();
    const account = await this.accounts.findById(em, token.accountId);
    if (account?.disabledAt) {
      await this.tokens.revokeFamily(token.familyId);
      throw accountDisabled('UNAUTHENTICATED');
    }
    const next = await this.tokens.rotate(token);
    if (!next) {
      // Spent, revoked or lapsed: a spent token presented again is treated as theft, and ends the sign-in.
      await this.tokens.revokeFamily(token.familyId);
      throw refreshTokenReused();
    }
    return next;
  }

  async logout(dto: RefreshDto): Promise<{ revoked: boolean }> {
    const token = await this.db.em().findOne(RefreshToken, { tokenHash: hashSecretToken(dto.refreshToken) });
    if (token) await this.tokens.revokeFamily(token.familyId);
    return { revoked: !!token };
  }

  async me(ctx: RequestContext): Promise<MeView> {
    const actor = requireActor(ctx.actor);
    const em = this.db.em();
    const account = await this.accounts.findById(em, actor.accountId);
    if (!account) throw accountGone();
    if (account.disabledAt) throw accountDisabled('UNAUTHENTICATED');
    const grants = await this.accounts.grantsOf(em, account.id);
    return {
      id: account.id,
      email: account.email,
      displayName: account.displayName,
      grants,
      twoFactor: await this.twoFactor.status(em, account.id, grants),
    };
  }

  /**
   * Whether the sign-in the caller's token belongs to still lasts: the web app asks on every page, so a copy of
   * its cookie stops working the moment its owner signs out (ADR 15).
   */
  async session(ctx: RequestContext): Promise<SignInSessionView> {
    const actor = requireActor(ctx.actor);
    if (!actor.sessionId) throw sessionEnded();
    const live = await this.db.em().findOne(
      RefreshToken,
      {
        familyId: actor.sessionId,
        accountId: actor.accountId,
        revokedAt: null,
        spentAt: null,
        expiresAt: { $gt: this.now() },
      },
      { fields: ['sessionExpiresAt'] },
    );
    if (!live) throw sessionEnded();
    return { sessionId: actor.sessionId, endsAt: live.sessionExpiresAt.toISOString() };
  }

  /** Signs the account out everywhere: every refresh token of every sign-in, this one's included. */
  async logoutAll(ctx: RequestContext): Promise<{ revoked: number }> {
    const actor = requireActor(ctx.actor);
    const em = this.db.em();
    const revoked = await revokeSessions(em, actor.accountId, this.now());
    await this.audit.recordForAccount(actor.accountId, ctx, 'account.signed-out-everywhere', {
      accountId: actor.accountId,
    });
    return { revoked };
  }
}
