import { MemberIdRequest, MembershipSubjects as S, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { ExportMemberUseCase } from './export-member.use-case';

@MessageController()
export class ExportsController {
  constructor(private readonly exporter: ExportMemberUseCase) {}

  @Answer(S.exportMember) export(@Ctx() ctx: RequestContext, @Data(MemberIdRequest) dto: MemberIdRequest) {
    return this.exporter.run(ctx, dto);
  }
}
