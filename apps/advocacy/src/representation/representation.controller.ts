import {
  AdvocacySubjects as S,
  CreateSeatRequest,
  ListMeetingsRequest,
  ListSeatsRequest,
  LogMeetingRequest,
  MeetingIdRequest,
  SeatIdRequest,
  UpdateMeetingRequest,
  UpdateSeatRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { RepresentationRoutes } from './representation-routes.service';

/** NATS handlers of the representation log, seats and meetings: one-line delegations (ADR 0069). */
@MessageController()
export class RepresentationController {
  constructor(private readonly routes: RepresentationRoutes) {}

  @Answer(S.createSeat) createSeat(
    @Ctx() ctx: RequestContext,
    @Data(CreateSeatRequest) d: CreateSeatRequest,
  ) {
    return this.routes.createSeat(ctx, d);
  }

  @Answer(S.listSeats) listSeats(@Ctx() ctx: RequestContext, @Data(ListSeatsRequest) d: ListSeatsRequest) {
    return this.routes.listSeats(ctx, d);
  }

  @Answer(S.getSeat) getSeat(@Ctx() ctx: RequestContext, @Data(SeatIdRequest) d: SeatIdRequest) {
    return this.routes.getSeat(ctx, d);
  }

  @Answer(S.updateSeat) updateSeat(
    @Ctx() ctx: RequestContext,
    @Data(UpdateSeatRequest) d: UpdateSeatRequest,
  ) {
    return this.routes.updateSeat(ctx, d);
  }

  @Answer(S.deleteSeat) deleteSeat(@Ctx() ctx: RequestContext, @Data(SeatIdRequest) d: SeatIdRequest) {
    return this.routes.deleteSeat(ctx, d);
  }

  @Answer(S.logMeeting) logMeeting(
    @Ctx() ctx: RequestContext,
    @Data(LogMeetingRequest) d: LogMeetingRequest,
  ) {
    return this.routes.logMeeting(ctx, d);
  }

  @Answer(S.listMeetings) listMeetings(
    @Ctx() ctx: RequestContext,
    @Data(ListMeetingsRequest) d: ListMeetingsRequest,
  ) {
    return this.routes.listMeetings(ctx, d);
  }

  @Answer(S.getMeeting) getMeeting(@Ctx() ctx: RequestContext, @Data(MeetingIdRequest) d: MeetingIdRequest) {
    return this.routes.getMeeting(ctx, d);
  }

  @Answer(S.updateMeeting) updateMeeting(
    @Ctx() ctx: RequestContext,
    @Data(UpdateMeetingRequest) d: UpdateMeetingRequest,
  ) {
    return this.routes.updateMeeting(ctx, d);
  }

  @Answer(S.removeMeeting) removeMeeting(
    @Ctx() ctx: RequestContext,
    @Data(MeetingIdRequest) d: MeetingIdRequest,
  ) {
    return this.routes.removeMeeting(ctx, d);
  }
}
