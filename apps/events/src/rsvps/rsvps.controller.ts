import {
  EventsSubjects as S,
  SessionIdRequest,
  SessionMemberRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { RsvpsService } from './rsvps.service';

@MessageController()
export class RsvpsController {
  constructor(private readonly rsvps: RsvpsService) {}

  @Answer(S.createRsvp) create(
    @Ctx() ctx: RequestContext,
    @Data(SessionMemberRequest) dto: SessionMemberRequest,
  ) {
    return this.rsvps.create(ctx, dto);
  }

  @Answer(S.deleteRsvp) delete(
    @Ctx() ctx: RequestContext,
    @Data(SessionMemberRequest) dto: SessionMemberRequest,
  ) {
    return this.rsvps.delete(ctx, dto);
  }

  @Answer(S.listRsvps) list(@Ctx() ctx: RequestContext, @Data(SessionIdRequest) dto: SessionIdRequest) {
    return this.rsvps.list(ctx, dto);
  }
}
