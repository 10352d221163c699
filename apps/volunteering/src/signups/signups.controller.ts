import {
  CancelSignupRequest,
  CreateSignupRequest,
  ListSignupsRequest,
  VolunteeringSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { SignupsService } from './signups.service';

/** NATS handlers: one-line delegations; the rules live in the service. */
@MessageController()
export class SignupsController {
  constructor(private readonly signups: SignupsService) {}

  @Answer(S.createSignup) create(
    @Ctx() ctx: RequestContext,
    @Data(CreateSignupRequest) dto: CreateSignupRequest,
  ) {
    return this.signups.create(ctx, dto);
  }

  @Answer(S.cancelSignup) cancel(
    @Ctx() ctx: RequestContext,
    @Data(CancelSignupRequest) dto: CancelSignupRequest,
  ) {
    return this.signups.cancel(ctx, dto);
  }

  @Answer(S.listSignups) list(@Ctx() ctx: RequestContext, @Data(ListSignupsRequest) dto: ListSignupsRequest) {
    return this.signups.list(ctx, dto);
  }
}
