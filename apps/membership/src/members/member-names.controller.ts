import { MemberNamesRequest, MembershipSubjects as S, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { MembersService } from './members.service';

/** Answers `membership.member.names` (ids are validated UUIDs, at most 500, by the contract). */
@MessageController()
export class MemberNamesController {
  constructor(private readonly members: MembersService) {}

  @Answer(S.memberNames) names(
    @Ctx() ctx: RequestContext,
    @Data(MemberNamesRequest) dto: MemberNamesRequest,
  ) {
    return this.members.activeNames(ctx, dto);
  }
}
