import {
  ApproveSuggestionRequest,
  DirectorySubjects as S,
  LeroSuggestionRequest,
  LeroSuggestionsRequest,
  RegionSuggestionsRequest,
  RejectSuggestionRequest,
  SuggestionRequest,
  SuggestListingRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { SuggestionReviewService } from './suggestion-review.service';
import { SuggestionsService } from './suggestions.service';

/** A LERO's suggestions (its admins and coordinators), and the region's curators deciding them. */
@MessageController()
export class SuggestionsController {
  constructor(
    private readonly suggestions: SuggestionsService,
    private readonly review: SuggestionReviewService,
  ) {}

  @Answer(S.suggestListing) submit(
    @Ctx() ctx: RequestContext,
    @Data(SuggestListingRequest) dto: SuggestListingRequest,
  ) {
    return this.suggestions.submit(ctx, dto);
  }

  @Answer(S.listLeroSuggestions) listOwn(
    @Ctx() ctx: RequestContext,
    @Data(LeroSuggestionsRequest) dto: LeroSuggestionsRequest,
  ) {
    return this.suggestions.listOwn(ctx, dto);
  }

  @Answer(S.getLeroSuggestion) getOwn(
    @Ctx() ctx: RequestContext,
    @Data(LeroSuggestionRequest) dto: LeroSuggestionRequest,
  ) {
    return this.suggestions.getOwn(ctx, dto);
  }

  @Answer(S.listSuggestions) list(
    @Ctx() ctx: RequestContext,
    @Data(RegionSuggestionsRequest) dto: RegionSuggestionsRequest,
  ) {
    return this.review.list(ctx, dto);
  }

  @Answer(S.getSuggestion) get(@Ctx() ctx: RequestContext, @Data(SuggestionRequest) dto: SuggestionRequest) {
    return this.review.get(ctx, dto);
  }

  @Answer(S.approveSuggestion) approve(
    @Ctx() ctx: RequestContext,
    @Data(ApproveSuggestionRequest) dto: ApproveSuggestionRequest,
  ) {
    return this.review.approve(ctx, dto);
  }

  @Answer(S.rejectSuggestion) reject(
    @Ctx() ctx: RequestContext,
    @Data(RejectSuggestionRequest) dto: RejectSuggestionRequest,
  ) {
    return this.review.reject(ctx, dto);
  }
}
