import { AccountIdRequest, TenantsSubjects as S, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { AccountStatusService } from './account-status.service';

/** A platform admin disables an account, or enables it again. */
@MessageController()
export class AccountsController {
  constructor(private readonly accounts: AccountStatusService) {}

  @Answer(S.disableAccount) disable(
    @Ctx() ctx: RequestContext,
    @Data(AccountIdRequest) dto: AccountIdRequest,
  ) {
    return this.accounts.disable(ctx, dto.accountId);
  }

  @Answer(S.enableAccount) enable(@Ctx() ctx: RequestContext, @Data(AccountIdRequest) dto: AccountIdRequest) {
    return this.accounts.enable(ctx, dto.accountId);
  }
}
