import {
  CancelSessionRequest,
  EventsSubjects as S,
  ListSessionsRequest,
  SessionIdRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { SessionsService } from './sessions.service';

@MessageController()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Answer(S.listSessions) list(
    @Ctx() ctx: RequestContext,
    @Data(ListSessionsRequest) dto: ListSessionsRequest,
  ) {
    return this.sessions.list(ctx, dto);
  }

  @Answer(S.getSession) get(@Ctx() ctx: RequestContext, @Data(SessionIdRequest) dto: SessionIdRequest) {
    return this.sessions.get(ctx, dto);
  }

  @Answer(S.cancelSession) cancel(
    @Ctx() ctx: RequestContext,
    @Data(CancelSessionRequest) dto: CancelSessionRequest,
  ) {
    return this.sessions.cancel(ctx, dto);
  }
}
