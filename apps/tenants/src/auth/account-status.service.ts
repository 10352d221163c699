import { Inject, Injectable } from '@nestjs/common';
import { notFound, type RequestContext } from '@hearth/contracts';
import { requireActor, subject } from '@hearth/auth';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { tenantsAbility } from '../tenants.ability';
import { AuditService } from '../audit/audit.service';
import { revokeSessions } from '../sessions/sessions.repository';
import { Account } from '../accounts/account.entity';
import { disablingIsPlatformAdmins, selfDisable } from './auth.exception';

/**
 * A platform admin disables an account (a person who must not use Hearth, a lost device) or enables it
 * again. Disabling ends every sign-in at once; its access tokens lapse within their lifetime; sign-in and
 * refresh are refused until it is enabled. Its roles stay, so enabling it gives everything back.
 */
@Injectable()
export class AccountStatusService {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly audit: AuditService,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  disable(ctx: RequestContext, accountId: string): Promise<{ disabled: true }> {
    return this.change(ctx, accountId, true).then(() => ({ disabled: true }));
  }

  enable(ctx: RequestContext, accountId: string): Promise<{ disabled: false }> {
    return this.change(ctx, accountId, false).then(() => ({ disabled: false }));
  }

  private async change(ctx: RequestContext, accountId: string, disable: boolean): Promise<void> {
    const actor = requireActor(ctx.actor);
    // Asked before the account is looked up, so nobody else learns which ids exist.
    if (!tenantsAbility(actor).can('update', subject('Account', { id: accountId }))) {
      throw disablingIsPlatformAdmins();
    }
    if (disable && accountId === actor.accountId) throw selfDisable();
    const em = this.db.em();
    const now = clockOf(this.options);
    const changed = await em.transactional(async (tx) => {
      const account = await tx.findOne(Account, { id: accountId });
      if (!account) throw notFound('Account');
      if (!!account.disabledAt === disable) return false;
      account.disabledAt = disable ? now : null;
      if (disable) await revokeSessions(tx, account.id, now);
      return true;
    });
    if (changed) {
      await this.audit.recordForAccount(accountId, ctx, disable ? 'account.disabled' : 'account.enabled', {
        accountId,
      });
    }
  }
}
