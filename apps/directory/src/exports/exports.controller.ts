import { DirectorySubjects as S, ExportPageRequest, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { ExportsService } from './exports.service';

/** A region's whole directory as HSDS, a page at a time (the gateway writes the download). */
@MessageController()
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Answer(S.exportPage) page(@Ctx() ctx: RequestContext, @Data(ExportPageRequest) dto: ExportPageRequest) {
    return this.exports.page(ctx, dto);
  }
}
