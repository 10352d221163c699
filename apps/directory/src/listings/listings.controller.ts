import {
  CreateListingRequest,
  DirectorySubjects as S,
  ListingRequest,
  ListListingsRequest,
  UpdateListingRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { ListingsService } from './listings.service';

/** A region's curators: create, read, change and retire listings. */
@MessageController()
export class ListingsController {
  constructor(private readonly listings: ListingsService) {}

  @Answer(S.createListing) create(
    @Ctx() ctx: RequestContext,
    @Data(CreateListingRequest) dto: CreateListingRequest,
  ) {
    return this.listings.create(ctx, dto);
  }

  @Answer(S.listListings) list(
    @Ctx() ctx: RequestContext,
    @Data(ListListingsRequest) dto: ListListingsRequest,
  ) {
    return this.listings.list(ctx, dto);
  }

  @Answer(S.getListing) get(@Ctx() ctx: RequestContext, @Data(ListingRequest) dto: ListingRequest) {
    return this.listings.get(ctx, dto);
  }

  @Answer(S.updateListing) update(
    @Ctx() ctx: RequestContext,
    @Data(UpdateListingRequest) dto: UpdateListingRequest,
  ) {
    return this.listings.update(ctx, dto);
  }

  @Answer(S.retireListing) retire(@Ctx() ctx: RequestContext, @Data(ListingRequest) dto: ListingRequest) {
    return this.listings.retire(ctx, dto);
  }
}
