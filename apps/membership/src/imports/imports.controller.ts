import { ImportMembersRequest, MembershipSubjects as S, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { ImportMembersUseCase } from './import-members.use-case';

@MessageController()
export class ImportsController {
  constructor(private readonly importer: ImportMembersUseCase) {}

  @Answer(S.importMembers) import(
    @Ctx() ctx: RequestContext,
    @Data(ImportMembersRequest) dto: ImportMembersRequest,
  ) {
    return this.importer.run(ctx, dto);
  }
}
