import { LoginDto, RefreshDto, TenantsSubjects as S, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { AuthService } from './auth.service';

/** Signing in and out, and the state of a sign-in. */
@MessageController()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

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
}
