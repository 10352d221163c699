import {
  EventsSubjects as S,
  SessionIdRequest,
  SessionMemberRequest,
  WalkInsRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { AttendanceService } from './attendance.service';

@MessageController()
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

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

  @Answer(S.recordWalkIns) walkIns(@Ctx() ctx: RequestContext, @Data(WalkInsRequest) dto: WalkInsRequest) {
    return this.attendance.walkIns(ctx, dto);
  }
}
