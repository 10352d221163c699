import {
  CloseInterestRequest,
  ExpressInterestRequest,
  ListInterestsRequest,
  MyInterestsRequest,
  VolunteeringSubjects as S,
  WithdrawInterestRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { InterestsService } from './interests.service';

/** NATS handlers: one-line delegations; the rules live in the service. */
@MessageController()
export class InterestsController {
  constructor(private readonly interests: InterestsService) {}

  @Answer(S.expressInterest) express(
    @Ctx() ctx: RequestContext,
    @Data(ExpressInterestRequest) dto: ExpressInterestRequest,
  ) {
    return this.interests.express(ctx, dto);
  }

  @Answer(S.withdrawInterest) withdraw(
    @Ctx() ctx: RequestContext,
    @Data(WithdrawInterestRequest) dto: WithdrawInterestRequest,
  ) {
    return this.interests.withdraw(ctx, dto);
  }

  @Answer(S.myInterests) mine(@Ctx() ctx: RequestContext, @Data(MyInterestsRequest) dto: MyInterestsRequest) {
    return this.interests.mine(ctx, dto);
  }

  @Answer(S.listInterests) list(
    @Ctx() ctx: RequestContext,
    @Data(ListInterestsRequest) dto: ListInterestsRequest,
  ) {
    return this.interests.list(ctx, dto);
  }

  @Answer(S.closeInterest) close(
    @Ctx() ctx: RequestContext,
    @Data(CloseInterestRequest) dto: CloseInterestRequest,
  ) {
    return this.interests.close(ctx, dto);
  }
}
