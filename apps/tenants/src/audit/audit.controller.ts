import { ListAuditRequest, TenantsSubjects as S, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { AuditService } from './audit.service';

/** A LERO's activity log. */
@MessageController()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Answer(S.listAudit) listAudit(@Ctx() ctx: RequestContext, @Data(ListAuditRequest) dto: ListAuditRequest) {
    return this.audit.listForLero(ctx, dto);
  }
}
