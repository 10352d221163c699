import { AdvocacyExportPageRequest, AdvocacySubjects as S, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { authoriseInLero } from '../advocacy-access';
import { LeroExportRepository } from './lero-export.repository';

/**
 * Advocacy's parts of a LERO's archive (ADR 0034, ADR 0075), a page at a time: its tenant-admins only. The archive is
 * recorded in the LERO's activity log by the tenants service before any part is asked for.
 */
@MessageController()
export class LeroExportController {
  constructor(private readonly repository: LeroExportRepository) {}

  @Answer(S.leroExportPage) page(
    @Ctx() ctx: RequestContext,
    @Data(AdvocacyExportPageRequest) dto: AdvocacyExportPageRequest,
  ) {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'export', 'LeroData');
    return this.repository.page(tenantId, dto.part, dto.cursor);
  }
}
