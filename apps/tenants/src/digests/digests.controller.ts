import {
  DigestSettingDto,
  DigestUnsubscribeDto,
  TenantsSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { DigestsService } from './digests.service';

/** The weekly digest: one's own choice, and the emailed unsubscribe link (ADR 0083). */
@MessageController()
export class DigestsController {
  constructor(private readonly digests: DigestsService) {}

  @Answer(S.getDigestSetting) get(@Ctx() ctx: RequestContext) {
    return this.digests.get(ctx);
  }

  @Answer(S.setDigestSetting) set(@Ctx() ctx: RequestContext, @Data(DigestSettingDto) dto: DigestSettingDto) {
    return this.digests.set(ctx, dto.enabled);
  }

  @Answer(S.digestUnsubscribe) unsubscribe(@Data(DigestUnsubscribeDto) dto: DigestUnsubscribeDto) {
    return this.digests.unsubscribe(dto.token);
  }
}
