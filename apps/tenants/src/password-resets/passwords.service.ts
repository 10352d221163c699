import { Inject, Injectable } from '@nestjs/common';
import {
  notFound,
  type ChangePasswordDto,
  type CompletePasswordResetDto,
  type PasswordResetView,
  type RequestContext,
} from '@hearth/contracts';
import { requireActor } from '@hearth/auth';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, horizonOf, type TenantsOptions } from '../tenants.options';
import { AccountsRepository } from '../accounts/accounts.repository';
import { Account } from '../accounts/account.entity';
import { hashPassword, verifyPassword } from '../accounts/password.util';
import { accountDisabled, accountGone, wrongPassword } from '../accounts/accounts.exception';
import { AuditService } from '../audit/audit.service';
import { revokeSessions } from '../sessions/sessions.repository';
import { AccountIdentity, SsoLinkOffer } from '../sso/sso.entity';
import { TenantsAccess } from '../tenants-access';
import { Mailer } from '../mail/mailer';
import { hashSecretToken, newSecretToken } from '../secret-token.util';
import { PasswordReset } from './password-reset.entity';
import {
  grantsOutsideLero,
  resetIsLeroAdmins,
  resetLinkExpired,
  resetLinkSpent,
  resetLinkUnknown,
  sameNewPassword,
  selfReset,
} from './password-resets.exception';

/**
 * Passwords: a person changes their own; a LERO's admin resets the password of someone whose every role lies
 * in that LERO (a reset link, as an invitation is a link); the link's holder chooses a new one. Each of
 * them signs the account out everywhere.
 */
@Injectable()
export class PasswordsService {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly access: TenantsAccess,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  async change(ctx: RequestContext, dto: ChangePasswordDto): Promise<{ changed: true }> {
    const actor = requireActor(ctx.actor);
    const em = this.db.em();
    const account = await this.accounts.findById(em, actor.accountId);
    if (!account) throw accountGone();
    if (account.disabledAt) throw accountDisabled();
    if (!(await verifyPassword(account.passwordHash, dto.currentPassword))) throw wrongPassword();
    if (dto.newPassword === dto.currentPassword) throw sameNewPassword();
    await this.setPassword(account.id, await hashPassword(dto.newPassword, this.options.passwordHashCost));
    await this.audit.recordForAccount(account.id, ctx, 'account.password-changed', { accountId: account.id });
    return { changed: true };
  }

  /**
   * A LERO's admin resets the password of an account whose every role lies in their LERO: the old password
   * stops working, every sign-in ends, and a link goes to the account's email (shown to the admin only when
   * this deployment sends no email).
   */
  async requestReset(ctx: RequestContext, accountId: string): Promise<PasswordResetView> {
    const actor = requireActor(ctx.actor);
    const administered = actor.grants.flatMap((g) =>
      g.role === 'tenant-admin' && g.tenantId ? [g.tenantId] : [],
    );
    if (administered.length === 0) throw resetIsLeroAdmins();
    if (accountId === actor.accountId) throw selfReset();
    const em = this.db.em();
    const grants = await this.accounts.grantsOf(em, accountId);
    const leroId = grants.find((g) => g.tenantId && administered.includes(g.tenantId))?.tenantId;
    if (!leroId) throw notFound('Account');
    const { tenant: lero, tenantId } = await this.access.lero(ctx, leroId, 'read', em);
    if (grants.some((g) => g.tenantId !== lero.id)) throw grantsOutsideLero(lero.name);
    const account = await em.findOneOrFail(Account, { id: accountId });
    const now = clockOf(this.options);
    const token = newSecretToken();
    const expiresAt = new Date(now.getTime() + horizonOf(this.options, 'passwordResetTtlMs'));
    // The old password stops working: a hash of a secret nobody holds keeps sign-in's timing the same.
    const unusable = await hashPassword(newSecretToken(), this.options.passwordHashCost);
    const emailed = await this.db.forTenant(tenantId).em.transactional(async (tx) => {
      // An earlier link that was not used is superseded by this one.
      await tx.nativeUpdate(PasswordReset, { accountId, usedAt: null }, { usedAt: now });
      tx.persist(
        tx.create(PasswordReset, {
          accountId,
          tokenHash: hashSecretToken(token),
          expiresAt,
          requestedBy: actor.accountId,
          tenantId,
          createdAt: now,
        }),
      );
      await tx.nativeUpdate(Account, { id: accountId }, { passwordHash: unusable });
      await revokeSessions(tx, accountId, now);
      // Nor does any other way in: its links to identity providers go (ADR 80), to be made again with the new
      // password (a reset is what an admin does when someone else may hold the account).
      const ssoLinksRemoved = await tx.nativeDelete(AccountIdentity, { accountId });
      await tx.nativeDelete(SsoLinkOffer, { accountId });
      this.audit.record(tx, tenantId, ctx, 'account.password-reset', {
        accountId,
        ...(ssoLinksRemoved ? { ssoLinksRemoved } : {}),
      });
      return this.mailer.queuePasswordReset(tx, account.email, token, expiresAt);
    });
    return {
      accountId,
      email: account.email,
      expiresAt: expiresAt.toISOString(),
      emailed,
      ...(this.mailer.configured ? {} : { token }),
    };
  }

  /**
   * The holder of a reset link chooses a new password; the link works once, and every other unused link of the
   * account stops working with it. Every sign-in ends; two-factor sign-in stays as it was.
   */
  async completeReset(dto: CompletePasswordResetDto): Promise<{ changed: true }> {
    const em = this.db.em();
    const reset = await em.findOne(PasswordReset, { tokenHash: hashSecretToken(dto.token) });
    if (!reset) throw resetLinkUnknown();
    const now = clockOf(this.options);
    if (reset.usedAt) throw resetLinkSpent();
    if (reset.expiresAt.getTime() <= now.getTime()) throw resetLinkExpired();
    const passwordHash = await hashPassword(dto.newPassword, this.options.passwordHashCost);
    await em.transactional(async (tx) => {
      const spent = await tx.nativeUpdate(PasswordReset, { id: reset.id, usedAt: null }, { usedAt: now });
      if (spent !== 1) throw resetLinkSpent();
      await tx.nativeUpdate(PasswordReset, { accountId: reset.accountId, usedAt: null }, { usedAt: now });
      await tx.nativeUpdate(Account, { id: reset.accountId }, { passwordHash });
      await revokeSessions(tx, reset.accountId, now);
    });
    return { changed: true };
  }

  private async setPassword(accountId: string, passwordHash: string): Promise<void> {
    await this.db.em().transactional(async (tx) => {
      await tx.nativeUpdate(Account, { id: accountId }, { passwordHash });
      await revokeSessions(tx, accountId, clockOf(this.options));
    });
  }
}
