import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  CONSULTATION_ANSWERS_NOTE,
  EVENT_CONSUMERS,
  MEMBER_EXPORT_PART,
  MemberExportPartRequest,
  MembershipEvents,
  validatePayload,
  type AdvocacyMemberExport,
  type RequestContext,
} from '@hearth/contracts';
import { DomainEventConsumer, EventConsumerHost, Gather, consumerOf } from '@hearth/messaging';
import { AdvocacyDatabase } from '../advocacy-database';
import { authoriseInLero, erasedMembersLero } from '../advocacy-access';
import { PiecesService } from './pieces.service';
import { TestimonyRepository } from './testimony.repository';

/** The durable consumer of erasures: the member's pieces withdrawn, their themes settled, their rows gone (ADR 0066). */
export const testimonyErasureConsumer = (db: AdvocacyDatabase, pieces: PiecesService) =>
  new DomainEventConsumer({
    ...consumerOf(EVENT_CONSUMERS.advocacyMembers),
    db,
    // Its own transaction (the one-round-trip kind every testimony change uses), before the inbox row commits: a
    // redelivery finds nothing of the member left, so running twice changes nothing.
    handle: async (_em, event) => {
      if (event.subject !== MembershipEvents.memberErased) return;
      await pieces.eraseMember(erasedMembersLero(event.data.tenantId), event.data.memberId.toLowerCase());
    },
  });

/**
 * What advocacy holds of one person, and its end when they are erased (ADR 0066). Their data export gets their
 * testimony pieces and consents (asked by membership over NATS, a trust boundary, so the asker's right is checked
 * here again: the LERO's staff for anyone, a member for themselves) and a sentence on consultation answers, which
 * cannot be found by design. Their erasure withdraws every piece of theirs (in their region's themes too, ADR 0076),
 * then deletes their rows.
 */
@Injectable()
export class TestimonyMemberData implements OnModuleInit {
  constructor(
    private readonly gather: Gather,
    private readonly host: EventConsumerHost,
    private readonly db: AdvocacyDatabase,
    private readonly repo: TestimonyRepository,
    private readonly pieces: PiecesService,
  ) {}

  /** Registered before any outbox relay starts (they start at bootstrap). */
  async onModuleInit(): Promise<void> {
    await this.gather.answer(MEMBER_EXPORT_PART, 'advocacy', (ctx, data) => this.part(ctx, data));
    await this.host.register(testimonyErasureConsumer(this.db, this.pieces));
  }

  async part(ctx: RequestContext, data: unknown): Promise<AdvocacyMemberExport> {
    const dto = validatePayload(MemberExportPartRequest, data);
    const memberId = dto.memberId.toLowerCase();
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'export', 'MemberData', { memberId });
    // Their pieces in their LERO's themes and in its region's (ADR 0076).
    const rows = await this.pieces.ofMember(tenantId, memberId, (tx) =>
      this.repo.memberPieces(tx, tenantId, memberId),
    );
    return {
      testimony: rows.map((p) => ({
        pieceId: p.id,
        themeId: p.theme_id,
        themeTitle: p.theme_title,
        status: p.status,
        text: p.text,
        proposedText: p.proposed_text,
        consentedToAnonymousPublicationAt: new Date(p.consented_at).toISOString(),
      })),
      consultationAnswers: CONSULTATION_ANSWERS_NOTE,
    };
  }
}
