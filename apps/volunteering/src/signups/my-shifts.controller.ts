import { MyShiftsRequest, VolunteeringSubjects as S, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { MyShiftsService } from './my-shifts.service';

/** NATS handlers: one-line delegations; the rules live in the service. */
@MessageController()
export class MyShiftsController {
  constructor(private readonly myShifts: MyShiftsService) {}

  @Answer(S.myShifts) list(@Ctx() ctx: RequestContext, @Data(MyShiftsRequest) dto: MyShiftsRequest) {
    return this.myShifts.list(ctx, dto);
  }
}
