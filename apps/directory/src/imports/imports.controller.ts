import {
  DirectorySubjects as S,
  ImportRequest,
  ListImportsRequest,
  StartImportRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { ImportsService } from './imports.service';

/** A region's curators: imports of other Open Referral UK feeds. */
@MessageController()
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Answer(S.startImport) start(
    @Ctx() ctx: RequestContext,
    @Data(StartImportRequest) dto: StartImportRequest,
  ) {
    return this.imports.start(ctx, dto);
  }

  @Answer(S.getImport) get(@Ctx() ctx: RequestContext, @Data(ImportRequest) dto: ImportRequest) {
    return this.imports.get(ctx, dto);
  }

  @Answer(S.listImports) list(@Ctx() ctx: RequestContext, @Data(ListImportsRequest) dto: ListImportsRequest) {
    return this.imports.list(ctx, dto);
  }
}
