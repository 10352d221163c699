import { MembershipSubjects as S, UnsubscribeRemindersDto, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { UnsubscribeService } from './unsubscribe.service';

/** Answers without an actor: a reminder's "stop these reminders" link. */
@MessageController()
export class UnsubscribeController {
  constructor(private readonly unsubscribes: UnsubscribeService) {}

  @Answer(S.unsubscribeReminders) unsubscribe(
    @Ctx() ctx: RequestContext,
    @Data(UnsubscribeRemindersDto) dto: UnsubscribeRemindersDto,
  ) {
    return this.unsubscribes.unsubscribe(ctx, dto);
  }
}
