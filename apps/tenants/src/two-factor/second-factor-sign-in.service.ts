import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AppError,
  SECOND_FACTOR_METHODS,
  type RequestContext,
  type SecondFactorChallenge,
  type SecondFactorDto,
  type TokenPair,
} from '@hearth/contracts';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { AccountsRepository } from '../accounts/accounts.repository';
import type { Account } from '../accounts/account.entity';
import { accountDisabled } from '../accounts/accounts.exception';
import { AuditService } from '../audit/audit.service';
import { Mailer } from '../mail/mailer';
import { SignInThrottle } from '../sessions/sign-in-throttle';
import { SessionTokens } from '../sessions/session-tokens.service';
import { revokeSessions } from '../sessions/sessions.repository';
import { hashSecretToken, newSecretToken } from '../secret-token.util';
import { SignInChallenge } from './two-factor.entity';
import { TwoFactorCodes, methodOf } from './two-factor-codes.service';
import { challengeExpired } from './two-factor.exception';
import { countChallengeFailure } from './two-factor.repository';

/**
 * Writes the link to an identity provider that a password accepted for an account with two-factor sign-in, once
 * its code is given (ADR 80). Single sign-on provides it (the tenants module binds it), so this folder need not
 * know that one.
 */
export interface SsoLinkAfterCode {
  write(ctx: RequestContext, offerId: string): Promise<void>;
}
export const SSO_LINK_AFTER_CODE = Symbol('SSO_LINK_AFTER_CODE');

/** A challenge lives this long by default (a person finds their phone and types a code). */
export const DEFAULT_CHALLENGE_TTL_MS = 5 * 60 * 1000;
/** Wrong codes one challenge takes before the password must be given again. */
const MAX_CHALLENGE_FAILURES = 5;

/**
 * The second step of signing in to an account with two-factor sign-in: a right password gives a challenge,
 * the challenge and a code (or a recovery code) give tokens. Wrong codes count toward the account's sign-in
 * throttle, as wrong passwords do.
 */
@Injectable()
export class SecondFactorSignIn {
  private readonly log = new Logger(SecondFactorSignIn.name);

  constructor(
    private readonly db: TenantsDatabase,
    private readonly accounts: AccountsRepository,
    private readonly throttle: SignInThrottle,
    private readonly codes: TwoFactorCodes,
    private readonly tokens: SessionTokens,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    @Inject(SSO_LINK_AFTER_CODE) private readonly ssoLinks: SsoLinkAfterCode,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  private ttlMs() {
    return this.options.secondFactorChallengeTtlMs ?? DEFAULT_CHALLENGE_TTL_MS;
  }

  /**
   * After a right password: a challenge instead of tokens. `ssoLinkOfferId`: a link to an identity provider the
   * password accepted, made only once the code is given (ADR 80).
   */
  async challenge(account: Account, ssoLinkOfferId?: string): Promise<SecondFactorChallenge> {
    const em = this.db.em();
    const now = clockOf(this.options);
    const token = newSecretToken();
    // The account's finished or lapsed challenges go as a new one is made: the table stays small.
    await em.nativeDelete(SignInChallenge, {
      accountId: account.id,
      $or: [{ completedAt: { $ne: null } }, { expiresAt: { $lte: now } }],
    });
    em.persist(
      em.create(SignInChallenge, {
        accountId: account.id,
        tokenHash: hashSecretToken(token),
        expiresAt: new Date(now.getTime() + this.ttlMs()),
        failures: 0,
        ssoLinkOfferId: ssoLinkOfferId ?? null,
        createdAt: now,
      }),
    );
    await em.flush();
    return {
      mfaRequired: true,
      challenge: token,
      methods: [...SECOND_FACTOR_METHODS],
      expiresIn: Math.floor(this.ttlMs() / 1000),
    };
  }

  async complete(ctx: RequestContext, dto: SecondFactorDto): Promise<TokenPair> {
    const method = methodOf(dto);
    const em = this.db.em();
    const now = clockOf(this.options);
    const challenge = await em.findOne(SignInChallenge, { tokenHash: hashSecretToken(dto.challenge) });
    if (
      !challenge ||
      challenge.completedAt ||
      challenge.expiresAt.getTime() <= now.getTime() ||
      challenge.failures >= MAX_CHALLENGE_FAILURES
    )
      throw challengeExpired();
    const account = await this.accounts.findById(em, challenge.accountId);
    if (!account) throw challengeExpired();
    if (account.disabledAt) throw accountDisabled();
    await this.throttle.check(account.email);
    const state = await this.codes.stateOf(em, account.id);
    // Two-factor sign-in was turned off since the password was given: start again.
    if (!state?.enabledAt) throw challengeExpired();
    try {
      await this.codes.spend(state, dto, false);
    } catch (err) {
      await this.throttle.recordFailure(account.email);
      await countChallengeFailure(em, challenge.id);
      throw err;
    }
    const completed = await em.nativeUpdate(
      SignInChallenge,
      { id: challenge.id, completedAt: null },
      { completedAt: now },
    );
    if (completed !== 1) throw challengeExpired();
    await this.throttle.reset(account.email);
    if (challenge.ssoLinkOfferId) await this.linkAfterCode(ctx, challenge.ssoLinkOfferId);
    if (method === 'totp') return this.tokens.start(account.id, true);
    return this.recoveryCodeUsed(ctx, account);
  }

  /**
   * Both factors given: the link the password accepted is made. Should it no longer be possible (the offer lapsed,
   * the provider was removed, a role moved out of its reach), this is still a sign-in, without the link: the next
   * sign-in through the provider offers it again.
   */
  private async linkAfterCode(ctx: RequestContext, offerId: string): Promise<void> {
    try {
      await this.ssoLinks.write(ctx, offerId);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      this.log.warn(`A link to an identity provider was not made after the second factor: ${err.message}`);
    }
  }

  /**
   * A recovery code means a lost phone, or someone else holding the code: every other sign-in ends, the account's
   * LEROs' logs and (with SMTP) its email are told, and the answer says how many codes are left.
   */
  private async recoveryCodeUsed(ctx: RequestContext, account: Account): Promise<TokenPair> {
    const em = this.db.em();
    const left = await em.transactional(async (tx) => {
      await revokeSessions(tx, account.id, clockOf(this.options));
      const recoveryCodesLeft = await this.codes.recoveryCodesLeft(tx, account.id);
      this.mailer.queueSecurityNotice(tx, account.email, { kind: 'recovery-code-used', recoveryCodesLeft });
      return recoveryCodesLeft;
    });
    const asOwner = { ...ctx, actor: { accountId: account.id, email: account.email, grants: [] } };
    await this.audit.recordForAccount(account.id, asOwner, 'two-factor.recovery-code-used', {
      accountId: account.id,
      recoveryCodesLeft: left,
    });
    return { ...(await this.tokens.start(account.id, true)), recoveryCodesLeft: left };
  }
}
