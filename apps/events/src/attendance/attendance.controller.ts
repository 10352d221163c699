import {
  EventsSubjects as S,
  SessionIdRequest,
  RegisterEntryRequest,
  SessionMemberRequest,
  WalkInsRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { AttendanceService } from './attendance.service';
import { RegisterEntryService } from './register-entry.service';

@MessageController()
export class AttendanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly entries: RegisterEntryService,
  ) {}

  @Answer(S.recordAttendance) checkIn(
    @Ctx() ctx: RequestContext,
    @Data(SessionMemberRequest) dto: SessionMemberRequest,
  ) {
    return this.attendance.checkIn(ctx, dto);
  }

  @Answer(S.removeAttendance) remove(
    @Ctx() ctx: RequestContext,
    @Data(SessionMemberRequest) dto: SessionMemberRequest,
  ) {
    return this.attendance.remove(ctx, dto);
  }

  @Answer(S.getAttendance) get(@Ctx() ctx: RequestContext, @Data(SessionIdRequest) dto: SessionIdRequest) {
    return this.attendance.get(ctx, dto);
  }

  @Answer(S.enterRegister) enter(
    @Ctx() ctx: RequestContext,
    @Data(RegisterEntryRequest) dto: RegisterEntryRequest,
  ) {
    return this.entries.enter(ctx, dto);
  }

  @Answer(S.recordWalkIns) walkIns(@Ctx() ctx: RequestContext, @Data(WalkInsRequest) dto: WalkInsRequest) {
    return this.attendance.walkIns(ctx, dto);
  }
}
