import { MemberIdRequest, MembershipSubjects as S, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { EraseMemberUseCase } from './erase-member.use-case';

@MessageController()
export class ErasureController {
  constructor(private readonly eraser: EraseMemberUseCase) {}

  @Answer(S.eraseMember) erase(@Ctx() ctx: RequestContext, @Data(MemberIdRequest) dto: MemberIdRequest) {
    return this.eraser.run(ctx, dto);
  }
}
