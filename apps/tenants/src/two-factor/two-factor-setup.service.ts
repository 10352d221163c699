import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  SECOND_FACTOR_ROLES,
  type ConfirmTotpDto,
  type DisableTwoFactorDto,
  type Grant,
  type RecoveryCodesView,
  type RegenerateRecoveryCodesDto,
  type RequestContext,
  type TotpSetupView,
  type TwoFactorEnabledView,
  type TwoFactorStatusView,
} from '@hearth/contracts';
import { requireActor } from '@hearth/auth';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { AccountsRepository } from '../accounts/accounts.repository';
import type { Account } from '../accounts/account.entity';
import { accountDisabled, accountGone, wrongPassword } from '../accounts/accounts.exception';
import { verifyPassword } from '../accounts/password.util';
import { AuditService } from '../audit/audit.service';
import { Mailer } from '../mail/mailer';
import { SignInThrottle } from '../sessions/sign-in-throttle';
import { SessionTokens } from '../sessions/session-tokens.service';
import { revokeSessions } from '../sessions/sessions.repository';
import { RecoveryCode, TwoFactor } from './two-factor.entity';
import { TotpSecretCipher } from './totp-secret-cipher';
import { savePendingSecret } from './two-factor.repository';
import {
  TOTP_ALGORITHM,
  TOTP_DIGITS,
  TOTP_ISSUER,
  TOTP_PERIOD_SECONDS,
  newTotpSecret,
  totpQrSvg,
  totpStepOf,
  totpUri,
} from './totp.util';
import { TwoFactorCodes, methodOf } from './two-factor-codes.service';
import { adminNeedsTwoFactor, codeRefused, noTotpSetup, twoFactorOff } from './two-factor.exception';

/** Whether the account's grants include a role that needs two-factor sign-in. */
export const needsSecondFactor = (grants: Grant[]) =>
  grants.some((g) => SECOND_FACTOR_ROLES.includes(g.role));

/**
 * A person's own two-factor sign-in: setting up an authenticator app (a pending secret, confirmed by its first
 * code and the password), recovery codes, turning it off. Every change is in the activity log of each LERO the
 * person has a role in, and (with SMTP) told to their email.
 */
@Injectable()
export class TwoFactorSetupService {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly accounts: AccountsRepository,
    private readonly codes: TwoFactorCodes,
    private readonly cipher: TotpSecretCipher,
    private readonly throttle: SignInThrottle,
    private readonly tokens: SessionTokens,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  async status(em: EntityManager, accountId: string, grants: Grant[]): Promise<TwoFactorStatusView> {
    const state = await this.codes.stateOf(em, accountId);
    const enabled = !!state?.enabledAt;
    const required = needsSecondFactor(grants);
    return {
      enabled,
      ...(state?.enabledAt ? { enabledAt: state.enabledAt.toISOString() } : {}),
      required,
      setupRequired: required && !enabled,
      recoveryCodesLeft: enabled ? await this.codes.recoveryCodesLeft(em, accountId) : 0,
    };
  }

  /** A new secret to set up (replacing any earlier one not confirmed); the app in use keeps working until then. */
  async start(ctx: RequestContext): Promise<TotpSetupView> {
    const account = await this.signedIn(ctx);
    const secret = newTotpSecret();
    const now = clockOf(this.options);
    const pendingSecret = this.cipher.encrypt(secret, account.id);
    await savePendingSecret(this.db.em(), account.id, pendingSecret, now);
    return this.view(account, secret, now);
  }

  /** The secret being set up, again (a page reloaded while the person finds their phone). */
  async pending(ctx: RequestContext): Promise<TotpSetupView> {
    const account = await this.signedIn(ctx);
    const state = await this.codes.stateOf(this.db.em(), account.id);
    if (!state?.pendingSecret || !state.pendingCreatedAt) throw noTotpSetup();
    return this.view(account, this.cipher.decrypt(state.pendingSecret, account.id), state.pendingCreatedAt);
  }

  /**
   * The first code from the new app, and the password: two-factor sign-in is on (or the new app replaces the
   * old one), with new recovery codes. Every sign-in ends, and this one is replaced by one that passed the
   * second factor, so an admin's new tokens carry their admin roles.
   */
  async confirm(ctx: RequestContext, dto: ConfirmTotpDto): Promise<TwoFactorEnabledView> {
    const account = await this.signedIn(ctx);
    await this.checkPassword(account, dto.currentPassword);
    const em = this.db.em();
    const state = await this.codes.stateOf(em, account.id);
    if (!state?.pendingSecret) throw noTotpSetup();
    const now = clockOf(this.options);
    const step = totpStepOf(this.cipher.decrypt(state.pendingSecret, account.id), dto.code, now);
    if (step === null) {
      await this.throttle.recordFailure(account.email);
      throw codeRefused('WrongCode', true);
    }
    await this.throttle.reset(account.email);
    const replaced = !!state.enabledAt;
    const recoveryCodes = await em.transactional(async (tx) => {
      // Only the secret that was checked: a restart in another tab meanwhile makes this one stale.
      const moved = await tx.nativeUpdate(
        TwoFactor,
        { accountId: account.id, pendingSecret: state.pendingSecret },
        {
          totpSecret: state.pendingSecret,
          enabledAt: state.enabledAt ?? now,
          lastUsedStep: step,
          pendingSecret: null,
          pendingCreatedAt: null,
          updatedAt: now,
        },
      );
      if (moved !== 1) throw noTotpSetup();
      await revokeSessions(tx, account.id, now);
      this.mailer.queueSecurityNotice(tx, account.email, {
        kind: replaced ? 'authenticator-replaced' : 'two-factor-on',
      });
      return this.codes.replaceRecoveryCodes(tx, account.id);
    });
    await this.record(ctx, account, replaced ? 'two-factor.authenticator-replaced' : 'two-factor.enabled');
    return { recoveryCodes, tokens: await this.tokens.start(account.id, true) };
  }

  async regenerateRecoveryCodes(
    ctx: RequestContext,
    dto: RegenerateRecoveryCodesDto,
  ): Promise<RecoveryCodesView> {
    const account = await this.signedIn(ctx);
    const em = this.db.em();
    if (!(await this.codes.stateOf(em, account.id))?.enabledAt) throw twoFactorOff();
    await this.checkPassword(account, dto.currentPassword);
    const recoveryCodes = await em.transactional((tx) => this.codes.replaceRecoveryCodes(tx, account.id));
    await this.record(ctx, account, 'two-factor.recovery-codes-regenerated');
    return { recoveryCodes };
  }

  /**
   * Turning it off takes the password and a second factor, and is refused to anyone holding an admin role (they
   * need it). Every other sign-in ends; this one stays.
   */
  async disable(ctx: RequestContext, dto: DisableTwoFactorDto): Promise<{ disabled: true }> {
    methodOf(dto);
    const account = await this.signedIn(ctx);
    const em = this.db.em();
    if (needsSecondFactor(await this.accounts.grantsOf(em, account.id))) throw adminNeedsTwoFactor();
    const state = await this.codes.stateOf(em, account.id);
    if (!state?.enabledAt) throw twoFactorOff();
    await this.checkPassword(account, dto.currentPassword);
    try {
      await this.codes.spend(state, dto, true);
    } catch (err) {
      if (err instanceof AppError && err.details?.reason !== undefined)
        await this.throttle.recordFailure(account.email);
      throw err;
    }
    await this.throttle.reset(account.email);
    const now = clockOf(this.options);
    await em.transactional(async (tx) => {
      await tx.nativeDelete(TwoFactor, { accountId: account.id });
      await tx.nativeDelete(RecoveryCode, { accountId: account.id });
      await revokeSessions(tx, account.id, now, ctx.actor?.sessionId);
      this.mailer.queueSecurityNotice(tx, account.email, { kind: 'two-factor-off' });
    });
    await this.record(ctx, account, 'two-factor.disabled');
    return { disabled: true };
  }

  private async signedIn(ctx: RequestContext): Promise<Account> {
    const actor = requireActor(ctx.actor);
    const account = await this.accounts.findById(this.db.em(), actor.accountId);
    if (!account) throw accountGone();
    if (account.disabledAt) throw accountDisabled();
    return account;
  }

  /** The password, throttled as at sign-in: a stolen session cannot guess it here any faster. */
  private async checkPassword(account: Account, password: string): Promise<void> {
    await this.throttle.check(account.email);
    if (!(await verifyPassword(account.passwordHash, password))) {
      await this.throttle.recordFailure(account.email);
      throw wrongPassword();
    }
  }

  private async record(ctx: RequestContext, account: Account, action: string): Promise<void> {
    await this.audit.recordForAccount(account.id, ctx, action, {
      accountId: account.id,
    });
  }

  private async view(account: Account, secret: string, createdAt: Date): Promise<TotpSetupView> {
    const otpauthUri = totpUri(secret, account.email);
    return {
      secret,
      otpauthUri,
      qrCodeSvg: await totpQrSvg(otpauthUri),
      issuer: TOTP_ISSUER,
      accountName: account.email,
      digits: TOTP_DIGITS,
      periodSeconds: TOTP_PERIOD_SECONDS,
      algorithm: TOTP_ALGORITHM,
      createdAt: createdAt.toISOString(),
    };
  }
}
