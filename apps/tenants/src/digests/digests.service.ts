import { Inject, Injectable } from '@nestjs/common';
import type { DigestSettingView, RequestContext } from '@hearth/contracts';
import { requireActor } from '@hearth/auth';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { AccountsRepository } from '../accounts/accounts.repository';
import { accountDisabled, accountGone } from '../accounts/accounts.exception';
import { hashSecretToken } from '../secret-token.util';
import { DigestsRepository } from './digests.repository';
import { digestLinkUnknown } from './digests.exception';

/**
 * One's own choice of the weekly digest, and the emailed unsubscribe link (ADR 0083). Turning it off, either way,
 * holds at once: in one transaction with the account's row locked (so a sweep queues nothing after it) the choice is
 * stored and the account's digests still in the mail queue are given up.
 */
@Injectable()
export class DigestsService {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly accounts: AccountsRepository,
    private readonly repo: DigestsRepository,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  async get(ctx: RequestContext): Promise<DigestSettingView> {
    const accountId = await this.ownAccount(ctx);
    const em = this.db.em();
    return {
      enabled: await this.repo.isOn(em, accountId),
      eligible: await this.repo.eligible(em, accountId),
    };
  }

  async set(ctx: RequestContext, enabled: boolean): Promise<DigestSettingView> {
    const accountId = await this.ownAccount(ctx);
    await this.turn(accountId, enabled);
    return this.get(ctx);
  }

  /** The link works as long as its digest's record is kept, and again after use (it only ever turns digests off). */
  async unsubscribe(token: string): Promise<{ unsubscribed: true }> {
    const accountId = await this.repo.accountOfLink(this.db.em(), hashSecretToken(token));
    if (!accountId) throw digestLinkUnknown();
    await this.turn(accountId, false);
    return { unsubscribed: true };
  }

  private async turn(accountId: string, enabled: boolean): Promise<void> {
    await this.db.em().transactional(async (tx) => {
      await this.repo.lockIfDigestOn(tx, accountId);
      await this.repo.setOn(tx, accountId, enabled, clockOf(this.options));
      if (!enabled) await this.repo.dropQueued(tx, accountId);
    });
  }

  private async ownAccount(ctx: RequestContext): Promise<string> {
    const actor = requireActor(ctx.actor);
    const account = await this.accounts.findById(this.db.em(), actor.accountId);
    if (!account) throw accountGone();
    if (account.disabledAt) throw accountDisabled('UNAUTHENTICATED');
    return account.id;
  }
}
