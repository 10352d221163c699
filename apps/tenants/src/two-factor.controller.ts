import {
  ConfirmTotpDto,
  DisableTwoFactorDto,
  RegenerateRecoveryCodesDto,
  SecondFactorDto,
  TenantsSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { AuthService } from './auth/auth.service';
import { SecondFactorSignIn } from './two-factor/second-factor-sign-in.service';
import { TwoFactorSetupService } from './two-factor/two-factor-setup.service';

/** NATS handlers of two-factor sign-in and of a sign-in's own state (ADR 15): delegations only. */
@MessageController()
export class TwoFactorController {
  constructor(
    private readonly auth: AuthService,
    private readonly signIn: SecondFactorSignIn,
    private readonly setup: TwoFactorSetupService,
  ) {}

  @Answer(S.secondFactor) secondFactor(
    @Ctx() ctx: RequestContext,
    @Data(SecondFactorDto) dto: SecondFactorDto,
  ) {
    return this.signIn.complete(ctx, dto);
  }

  @Answer(S.session) session(@Ctx() ctx: RequestContext) {
    return this.auth.session(ctx);
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
