import {
  EventsSubjects as S,
  PublicCalendarRequest,
  PublicSessionsRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { PublicProgrammeService } from './public-programme.service';

/** Answers without an actor: the public listing and the calendar feed. */
@MessageController()
export class PublicProgrammeController {
  constructor(private readonly programme: PublicProgrammeService) {}

  @Answer(S.publicSessions) sessions(
    @Ctx() ctx: RequestContext,
    @Data(PublicSessionsRequest) dto: PublicSessionsRequest,
  ) {
    return this.programme.programme(ctx, dto);
  }

  @Answer(S.publicCalendar) calendar(
    @Ctx() ctx: RequestContext,
    @Data(PublicCalendarRequest) dto: PublicCalendarRequest,
  ) {
    return this.programme.calendar(ctx, dto);
  }
}
