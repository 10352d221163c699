import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { RequestContext, UnsubscribeRemindersDto } from '@hearth/contracts';
import { MembershipDatabase } from '../membership-database';
import { trustedTenantId } from '../membership-access';
import { MemberAuditService } from '../audit/member-audit.service';
import { Member } from '../members/member.entity';
import { dropQueuedReminders } from '../members/member-reminders.util';
import { UnsubscribeTokensRepository } from './unsubscribe-tokens.repository';
import { unsubscribeLinkUnknown } from './unsubscribe.exception';

/**
 * A reminder's "stop these reminders" link (ADR 0081), public: whoever holds it sets that member's reminders to
 * none and drops their reminders still queued, in one transaction, so nothing more is sent from that moment.
 * A token Hearth does not hold (never issued, or pruned) is refused (`UnsubscribeLinkUnknown`): nothing changed,
 * and the person must be told how else to stop reminders. Tokens are 256 random bits: the answer tells nobody whose
 * a token is. A known token answers the same whether used before or not.
 */
@Injectable()
export class UnsubscribeService {
  constructor(
    private readonly db: MembershipDatabase,
    private readonly tokens: UnsubscribeTokensRepository,
    private readonly audit: MemberAuditService,
  ) {}

  async unsubscribe(ctx: RequestContext, dto: UnsubscribeRemindersDto): Promise<{ done: true }> {
    const owner = await this.tokens.find(this.db.em(), dto.token);
    if (!owner) throw unsubscribeLinkUnknown();
    // The LERO the token row was written in, by this service (ADR 0081).
    const tenantId = trustedTenantId(owner.tenant_id);
    await this.db.forTenant(tenantId).em.transactional(async (em) => {
      const member = await em.findOne(
        Member,
        { id: owner.member_id },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!member || member.status === 'erased') return;
      if (member.reminders !== 'none') {
        member.reminders = 'none';
        member.updatedAt = new Date();
        this.audit.record(em, tenantId, ctx, 'member.updated', member.id, {
          fields: ['reminders'],
          via: 'unsubscribe-link',
        });
      }
      await dropQueuedReminders(em, member.id);
    });
    return { done: true };
  }
}
