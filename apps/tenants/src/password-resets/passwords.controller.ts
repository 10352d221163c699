import {
  AccountIdRequest,
  ChangePasswordDto,
  CompletePasswordResetDto,
  TenantsSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { PasswordsService } from './passwords.service';

/** A person changes their own password; a LERO's admin resets one; a reset link's holder sets a new one. */
@MessageController()
export class PasswordsController {
  constructor(private readonly passwords: PasswordsService) {}

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

  @Answer(S.completePasswordReset) completePasswordReset(
    @Data(CompletePasswordResetDto) dto: CompletePasswordResetDto,
  ) {
    return this.passwords.completeReset(dto);
  }
}
