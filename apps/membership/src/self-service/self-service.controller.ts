import {
  MembershipSubjects as S,
  MembershipTenantRequest,
  UpdateMeRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { SelfServiceService } from './self-service.service';

/** `/me`: a member account's own record and data. */
@MessageController()
export class SelfServiceController {
  constructor(private readonly self: SelfServiceService) {}

  @Answer(S.getMe) getMe(
    @Ctx() ctx: RequestContext,
    @Data(MembershipTenantRequest) dto: MembershipTenantRequest,
  ) {
    return this.self.get(ctx, dto);
  }

  @Answer(S.updateMe) updateMe(@Ctx() ctx: RequestContext, @Data(UpdateMeRequest) dto: UpdateMeRequest) {
    return this.self.update(ctx, dto);
  }

  @Answer(S.exportMe) exportMe(
    @Ctx() ctx: RequestContext,
    @Data(MembershipTenantRequest) dto: MembershipTenantRequest,
  ) {
    return this.self.export(ctx, dto);
  }
}
