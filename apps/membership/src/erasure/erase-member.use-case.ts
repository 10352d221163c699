import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MembershipEvents, notFound, type MemberIdRequest, type RequestContext } from '@hearth/contracts';
import type { TenantId } from '@hearth/persistence';
import { recordEvent } from '@hearth/messaging';
import { MembershipDatabase } from '../membership-database';
import { MEMBERSHIP_OPTIONS, type MembershipOptions } from '../membership.options';
import { authoriseInLero } from '../membership-access';
import { MemberAuditService, type MemberAuditDetails } from '../audit/member-audit.service';
import { ConsentsService } from '../consents/consents.service';
import { MembersRepository } from '../members/members.repository';
import { memberEvent } from '../members/member.view';
import type { Member } from '../members/member.entity';
import { forgetMailAbout } from '../members/member-reminders.util';
import { UnsubscribeTokensRepository } from '../reminders/unsubscribe-tokens.repository';

/**
 * The right to erasure. Personal values are destroyed in place; the row stays as a tombstone (id, LERO,
 * community roles, dates) so counts elsewhere stay right, and it can never be read again. The erased event
 * leaves through the outbox in the same transaction, so every service holding the id hears of it.
 */
@Injectable()
export class EraseMemberUseCase {
  private readonly logger = new Logger(EraseMemberUseCase.name);

  constructor(
    @Inject(MEMBERSHIP_OPTIONS) private readonly options: MembershipOptions,
    private readonly db: MembershipDatabase,
    private readonly members: MembersRepository,
    private readonly consents: ConsentsService,
    private readonly audit: MemberAuditService,
    private readonly unsubscribeTokens: UnsubscribeTokensRepository,
  ) {}

  async run(ctx: RequestContext, dto: MemberIdRequest): Promise<{ erased: true }> {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'delete', 'Member');
    await this.db.forTenant(tenantId).em.transactional(async (em) => {
      const member = await this.members.findForUpdate({ tenantId, em }, dto.memberId);
      if (!member) throw notFound('Member');
      await this.erase({ tenantId, em }, member, ctx);
    });
    await this.committed(tenantId, dto.memberId);
    return { erased: true };
  }

  /**
   * After an erasure's transaction committed: tells `onMemberErased` (standalone's erasure ledger). Its failure
   * cannot undo the erasure, so it is logged; standalone adds any tombstone missing from the ledger at its next start.
   */
  async committed(tenantId: TenantId, memberId: string): Promise<void> {
    try {
      await this.options.onMemberErased?.({ tenantId, memberId });
    } catch (err) {
      this.logger.error(
        `Erased member ${memberId}, but could not record it for after a restore: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /**
   * Erases a live member inside the caller's transaction of its LERO (the row locked): by a person's request,
   * or by the retention schedule (`ctx` without an actor, `details.reason`).
   */
  async erase(
    { tenantId, em }: { tenantId: TenantId; em: EntityManager },
    member: Member,
    ctx: RequestContext,
    details: MemberAuditDetails = {},
  ): Promise<void> {
    const now = new Date();
    Object.assign(member, {
      displayName: null,
      email: null,
      phone: null,
      pathway: null,
      preferredContact: null,
      reminders: 'none',
      notes: null,
      consentContact: false,
      consentPhotos: false,
      consentShareStoriesAnonymously: false,
      status: 'erased',
      erasedAt: now,
      updatedAt: now,
    });
    await this.consents.forget(em, tenantId, member.id);
    // No reminder still queued goes out, none sent keeps their address, no link of theirs works any more (ADR 0081).
    await forgetMailAbout(em, member.id);
    await this.unsubscribeTokens.forget(em, member.id);
    this.audit.record(em, tenantId, ctx, 'member.erased', member.id, details);
    recordEvent(em, MembershipEvents.memberErased, memberEvent(member, now), tenantId);
  }
}
