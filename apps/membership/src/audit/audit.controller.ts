import { ListAuditRequest, MembershipSubjects as S, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { MemberAuditService } from './member-audit.service';

@MessageController()
export class AuditController {
  constructor(private readonly audit: MemberAuditService) {}

  @Answer(S.listAudit) listAudit(@Ctx() ctx: RequestContext, @Data(ListAuditRequest) dto: ListAuditRequest) {
    return this.audit.list(ctx, dto);
  }
}
