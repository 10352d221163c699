import { Inject, Injectable } from '@nestjs/common';
import type { ForgotPasswordDto } from '@hearth/contracts';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, horizonOf, type TenantsOptions } from '../tenants.options';
import { AccountsRepository } from '../accounts/accounts.repository';
import { Mailer } from '../mail/mailer';
import { hashSecretToken, newSecretToken, normaliseEmail } from '../secret-token.util';
import { PasswordReset } from './password-reset.entity';

/** Links one account may be sent in an hour: beyond that, a stranger could fill someone's inbox. */
export const FORGOT_PASSWORD_LINKS_PER_HOUR = 3;
const HOUR_MS = 3600 * 1000;
const NO_ACCOUNT = '00000000-0000-0000-0000-000000000000';

/**
 * "Forgot my password" (ADR 0077): a short-lived, single-use link to the address, if it is an enabled account's.
 * The answer is the same either way, and so is the work: one transaction that looks the address up and counts
 * its recent links; the email itself is only queued, so the SMTP server's speed cannot tell anyone anything.
 * The current password keeps working until the link is used: asking is not proof of being the owner.
 */
@Injectable()
export class ForgotPasswordUseCase {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly accounts: AccountsRepository,
    private readonly mailer: Mailer,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  async request(dto: ForgotPasswordDto): Promise<{ accepted: true }> {
    const now = clockOf(this.options);
    const token = newSecretToken();
    const expiresAt = new Date(now.getTime() + horizonOf(this.options, 'forgotPasswordTtlMs'));
    await this.db.em().transactional(async (tx) => {
      const account = await this.accounts.findByEmail(tx, normaliseEmail(dto.email));
      const recent = await tx.count(PasswordReset, {
        accountId: account?.id ?? NO_ACCOUNT,
        requestedBy: null,
        createdAt: { $gt: new Date(now.getTime() - HOUR_MS) },
      });
      // A disabled account is told nothing: its owner asks whoever disabled it.
      if (!account || account.disabledAt || recent >= FORGOT_PASSWORD_LINKS_PER_HOUR) return;
      if (!this.mailer.configured) return; // nowhere to send it, and it must never be shown to the asker
      tx.persist(
        tx.create(PasswordReset, {
          accountId: account.id,
          tokenHash: hashSecretToken(token),
          expiresAt,
          requestedBy: null,
          tenantId: null,
          createdAt: now,
        }),
      );
      this.mailer.queueForgotPassword(tx, account.email, token, expiresAt);
    });
    return { accepted: true };
  }
}
