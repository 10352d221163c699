import {
  AccountIdRequest,
  ChangePasswordDto,
  CompletePasswordResetDto,
  ForgotPasswordDto,
  TenantsSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { PasswordsService } from './passwords.service';
import { ForgotPasswordUseCase } from './forgot-password.use-case';

/** A person changes their own password; a LERO's admin resets one; a reset link's holder sets a new one. */
@MessageController()
export class PasswordsController {
  constructor(
    private readonly passwords: PasswordsService,
    private readonly forgot: ForgotPasswordUseCase,
  ) {}

  @Answer(S.requestPasswordReset) requestPasswordReset(
    @Ctx() ctx: RequestContext,
    @Data(AccountIdRequest) dto: AccountIdRequest,
  ) {
    return this.passwords.requestReset(ctx, dto.accountId);
  }

  @Answer(S.changePassword) changePassword(
    @Ctx() ctx: RequestContext,
    @Data(ChangePasswordDto) dto: ChangePasswordDto,
  ) {
    return this.passwords.change(ctx, dto);
  }

  @Answer(S.forgotPassword) forgotPassword(@Data(ForgotPasswordDto) dto: ForgotPasswordDto) {
    return this.forgot.request(dto);
  }

  @Answer(S.completePasswordReset) completePasswordReset(
    @Data(CompletePasswordResetDto) dto: CompletePasswordResetDto,
  ) {
    return this.passwords.completeReset(dto);
  }
}
