import {
  CancelShiftRequest,
  CreateShiftRequest,
  ListShiftsRequest,
  ShiftIdRequest,
  UpdateShiftRequest,
  VolunteeringSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { ShiftsService } from './shifts.service';

/** NATS handlers: one-line delegations; the rules live in the service. */
@MessageController()
export class ShiftsController {
  constructor(private readonly shifts: ShiftsService) {}

  @Answer(S.createShift) create(
    @Ctx() ctx: RequestContext,
    @Data(CreateShiftRequest) dto: CreateShiftRequest,
  ) {
    return this.shifts.create(ctx, dto);
  }

  @Answer(S.listShifts) list(@Ctx() ctx: RequestContext, @Data(ListShiftsRequest) dto: ListShiftsRequest) {
    return this.shifts.list(ctx, dto);
  }

  @Answer(S.getShift) get(@Ctx() ctx: RequestContext, @Data(ShiftIdRequest) dto: ShiftIdRequest) {
    return this.shifts.get(ctx, dto);
  }

  @Answer(S.updateShift) update(
    @Ctx() ctx: RequestContext,
    @Data(UpdateShiftRequest) dto: UpdateShiftRequest,
  ) {
    return this.shifts.update(ctx, dto);
  }

  @Answer(S.cancelShift) cancel(
    @Ctx() ctx: RequestContext,
    @Data(CancelShiftRequest) dto: CancelShiftRequest,
  ) {
    return this.shifts.cancel(ctx, dto);
  }
}
