import {
  ConfirmTotpDto,
  DisableTwoFactorDto,
  RegenerateRecoveryCodesDto,
  SecondFactorDto,
  TenantsSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { SecondFactorSignIn } from './second-factor-sign-in.service';
import { TwoFactorSetupService } from './two-factor-setup.service';

/** Two-factor sign-in (ADR 15): the second step of signing in, and a person's own authenticator and codes. */
@MessageController()
export class TwoFactorController {
  constructor(
    private readonly signIn: SecondFactorSignIn,
    private readonly setup: TwoFactorSetupService,
  ) {}

  @Answer(S.secondFactor) secondFactor(
    @Ctx() ctx: RequestContext,
    @Data(SecondFactorDto) dto: SecondFactorDto,
  ) {
    return this.signIn.complete(ctx, dto);
  }

  @Answer(S.startTotp) startTotp(@Ctx() ctx: RequestContext) {
    return this.setup.start(ctx);
  }

  @Answer(S.pendingTotp) pendingTotp(@Ctx() ctx: RequestContext) {
    return this.setup.pending(ctx);
  }

  @Answer(S.confirmTotp) confirmTotp(@Ctx() ctx: RequestContext, @Data(ConfirmTotpDto) dto: ConfirmTotpDto) {
    return this.setup.confirm(ctx, dto);
  }

  @Answer(S.regenerateRecoveryCodes) regenerate(
    @Ctx() ctx: RequestContext,
    @Data(RegenerateRecoveryCodesDto) dto: RegenerateRecoveryCodesDto,
  ) {
    return this.setup.regenerateRecoveryCodes(ctx, dto);
  }

  @Answer(S.disableTwoFactor) disable(
    @Ctx() ctx: RequestContext,
    @Data(DisableTwoFactorDto) dto: DisableTwoFactorDto,
  ) {
    return this.setup.disable(ctx, dto);
  }
}
