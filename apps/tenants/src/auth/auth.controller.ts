import {
  AccountIdRequest,
  LoginDto,
  RefreshDto,
  TenantsSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { AuthService } from './auth.service';
import { AccountStatusService } from './account-status.service';

/** Signing in and out, the state of a sign-in, and whether an account may sign in at all (disabled or not). */
@MessageController()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountStatusService,
  ) {}

  @Answer(S.login) login(@Data(LoginDto) dto: LoginDto) {
    return this.auth.login(dto);
  }

  @Answer(S.refresh) refresh(@Data(RefreshDto) dto: RefreshDto) {
    return this.auth.refresh(dto);
  }

  @Answer(S.logout) logout(@Data(RefreshDto) dto: RefreshDto) {
    return this.auth.logout(dto);
  }

  @Answer(S.me) me(@Ctx() ctx: RequestContext) {
    return this.auth.me(ctx);
  }

  @Answer(S.session) session(@Ctx() ctx: RequestContext) {
    return this.auth.session(ctx);
  }

  @Answer(S.logoutAll) logoutAll(@Ctx() ctx: RequestContext) {
    return this.auth.logoutAll(ctx);
  }

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
