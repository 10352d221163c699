import { MemberIdRequest, MembershipSubjects as S, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { MembersService } from './members.service';

/**
 * A member's consent history (`membership.consent.list`). It is answered in members, not consents: it is a
 * question about a live member, and consents sits below members (ADR 0023).
 */
@MessageController()
export class MemberConsentsController {
  constructor(private readonly members: MembersService) {}

  @Answer(S.listConsents) consents(@Ctx() ctx: RequestContext, @Data(MemberIdRequest) dto: MemberIdRequest) {
    return this.members.consentHistory(ctx, dto);
  }
}
