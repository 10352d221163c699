import { CreateTenantDto, TenantsSubjects as S, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { OnboardLeroUseCase } from './onboard-lero.use-case';

/** Onboarding a LERO: adding it to the registry with an invitation for its first admin. */
@MessageController()
export class OnboardingController {
  constructor(private readonly onboarding: OnboardLeroUseCase) {}

  @Answer(S.createTenant) createTenant(
    @Ctx() ctx: RequestContext,
    @Data(CreateTenantDto) dto: CreateTenantDto,
  ) {
    return this.onboarding.onboard(ctx, dto);
  }
}
