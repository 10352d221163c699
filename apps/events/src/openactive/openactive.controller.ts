import { EventsSubjects as S, OpenActiveFeedRequest, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { OpenActiveFeedService } from './openactive-feed.service';

/** Answers without an actor: a page of a region's OpenActive feed. */
@MessageController()
export class OpenActiveController {
  constructor(private readonly feed: OpenActiveFeedService) {}

  @Answer(S.openActiveFeed) page(
    @Ctx() ctx: RequestContext,
    @Data(OpenActiveFeedRequest) dto: OpenActiveFeedRequest,
  ) {
    return this.feed.page(ctx, dto);
  }
}
