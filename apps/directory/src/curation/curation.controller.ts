import {
  DirectorySettingsRequest,
  DirectorySubjects as S,
  ListingRequest,
  NeedsReviewRequest,
  RegionRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { CurationService } from './curation.service';

/** A region's curators: assuring listings, those due for review, the directory's settings. */
@MessageController()
export class CurationController {
  constructor(private readonly curation: CurationService) {}

  @Answer(S.assureListing) assure(@Ctx() ctx: RequestContext, @Data(ListingRequest) dto: ListingRequest) {
    return this.curation.assure(ctx, dto);
  }

  @Answer(S.needsReview) needsReview(
    @Ctx() ctx: RequestContext,
    @Data(NeedsReviewRequest) dto: NeedsReviewRequest,
  ) {
    return this.curation.needsReview(ctx, dto);
  }

  @Answer(S.getSettings) settings(@Ctx() ctx: RequestContext, @Data(RegionRequest) dto: RegionRequest) {
    return this.curation.settings(ctx, dto);
  }

  @Answer(S.updateSettings) updateSettings(
    @Ctx() ctx: RequestContext,
    @Data(DirectorySettingsRequest) dto: DirectorySettingsRequest,
  ) {
    return this.curation.updateSettings(ctx, dto);
  }
}
