import {
  DirectorySubjects as S,
  OrukItemRequest,
  OrukListRequest,
  OrukRegionRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { OrukService } from './oruk.service';

/** Answers without an actor: a region's Open Referral UK feed. */
@MessageController()
export class OrukController {
  constructor(private readonly oruk: OrukService) {}

  @Answer(S.orukRoot) root(@Ctx() ctx: RequestContext, @Data(OrukRegionRequest) dto: OrukRegionRequest) {
    return this.oruk.root(ctx, dto);
  }

  @Answer(S.orukList) list(@Ctx() ctx: RequestContext, @Data(OrukListRequest) dto: OrukListRequest) {
    return this.oruk.list(ctx, dto);
  }

  @Answer(S.orukItem) item(@Ctx() ctx: RequestContext, @Data(OrukItemRequest) dto: OrukItemRequest) {
    return this.oruk.item(ctx, dto);
  }
}
