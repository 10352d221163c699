import {
  ExportMembersRequest,
  MemberIdRequest,
  MembershipSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { ExportMemberUseCase } from './export-member.use-case';
import { BulkExportUseCase } from './bulk-export.use-case';

@MessageController()
export class ExportsController {
  constructor(
    private readonly exporter: ExportMemberUseCase,
    private readonly bulk: BulkExportUseCase,
  ) {}

  @Answer(S.exportMember) export(@Ctx() ctx: RequestContext, @Data(MemberIdRequest) dto: MemberIdRequest) {
    return this.exporter.run(ctx, dto);
  }

  @Answer(S.bulkExport) bulkExport(
    @Ctx() ctx: RequestContext,
    @Data(ExportMembersRequest) dto: ExportMembersRequest,
  ) {
    return this.bulk.run(ctx, dto);
  }
}
