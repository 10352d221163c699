import { DirectorySubjects as S, RecordSignpostRequest, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { SignpostsService } from './signposts.service';

/** A LERO's staff and volunteers: signposts, counted without case files. */
@MessageController()
export class SignpostsController {
  constructor(private readonly signposts: SignpostsService) {}

  @Answer(S.recordSignpost) record(
    @Ctx() ctx: RequestContext,
    @Data(RecordSignpostRequest) dto: RecordSignpostRequest,
  ) {
    return this.signposts.record(ctx, dto);
  }
}
