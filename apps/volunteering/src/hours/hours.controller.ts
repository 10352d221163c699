import {
  ApproveHoursRequest,
  ChangeMyHoursRequest,
  WithdrawMyHoursRequest,
  DeclineHoursRequest,
  HoursTotalsRequest,
  ListHoursRequest,
  LogHoursRequest,
  MyHoursRequest,
  MyHoursTotalsRequest,
  VolunteeringSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { HoursService } from './hours.service';

/** NATS handlers: one-line delegations; the rules live in the service. */
@MessageController()
export class HoursController {
  constructor(private readonly hours: HoursService) {}

  @Answer(S.logHours) log(@Ctx() ctx: RequestContext, @Data(LogHoursRequest) dto: LogHoursRequest) {
    return this.hours.log(ctx, dto);
  }

  @Answer(S.listHours) list(@Ctx() ctx: RequestContext, @Data(ListHoursRequest) dto: ListHoursRequest) {
    return this.hours.list(ctx, dto);
  }

  @Answer(S.myHours) mine(@Ctx() ctx: RequestContext, @Data(MyHoursRequest) dto: MyHoursRequest) {
    return this.hours.mine(ctx, dto);
  }

  @Answer(S.approveHours) approve(
    @Ctx() ctx: RequestContext,
    @Data(ApproveHoursRequest) dto: ApproveHoursRequest,
  ) {
    return this.hours.approve(ctx, dto);
  }

  @Answer(S.declineHours) decline(
    @Ctx() ctx: RequestContext,
    @Data(DeclineHoursRequest) dto: DeclineHoursRequest,
  ) {
    return this.hours.decline(ctx, dto);
  }

  @Answer(S.hoursTotals) totals(
    @Ctx() ctx: RequestContext,
    @Data(HoursTotalsRequest) dto: HoursTotalsRequest,
  ) {
    return this.hours.totals(ctx, dto);
  }

  @Answer(S.myHoursTotals) myTotals(
    @Ctx() ctx: RequestContext,
    @Data(MyHoursTotalsRequest) dto: MyHoursTotalsRequest,
  ) {
    return this.hours.myTotals(ctx, dto);
  }

  @Answer(S.changeMyHours) changeMine(
    @Ctx() ctx: RequestContext,
    @Data(ChangeMyHoursRequest) dto: ChangeMyHoursRequest,
  ) {
    return this.hours.changeMine(ctx, dto);
  }

  @Answer(S.withdrawMyHours) withdrawMine(
    @Ctx() ctx: RequestContext,
    @Data(WithdrawMyHoursRequest) dto: WithdrawMyHoursRequest,
  ) {
    return this.hours.withdrawMine(ctx, dto);
  }
}
