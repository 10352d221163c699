import {
  CreateRegionDto,
  RegionBySlugRequest,
  TenantsSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { RegionsService } from './regions.service';

@MessageController()
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Answer(S.createRegion) createRegion(
    @Ctx() ctx: RequestContext,
    @Data(CreateRegionDto) dto: CreateRegionDto,
  ) {
    return this.regions.create(ctx, dto);
  }

  @Answer(S.listRegions) listRegions(@Ctx() ctx: RequestContext) {
    return this.regions.list(ctx);
  }

  /** No sign-in: a region's public identity (the directory's feed), for any slug that is a region's. */
  @Answer(S.regionBySlug) bySlug(@Data(RegionBySlugRequest) dto: RegionBySlugRequest) {
    return this.regions.bySlug(dto.slug);
  }
}
