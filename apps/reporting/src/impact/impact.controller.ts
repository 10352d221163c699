import {
  LeroImpactRequest,
  RegionImpactQuery,
  ReportingSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { ImpactReportService } from './impact-report.service';

/** The two impact reports: a region's disclosure-controlled figures and a LERO's own exact ones. */
@MessageController()
export class ImpactController {
  constructor(private readonly reports: ImpactReportService) {}

  @Answer(S.regionImpact) regionImpact(
    @Ctx() ctx: RequestContext,
    @Data(RegionImpactQuery) dto: RegionImpactQuery,
  ) {
    return this.reports.regional(ctx, dto);
  }

  @Answer(S.leroImpact) leroImpact(
    @Ctx() ctx: RequestContext,
    @Data(LeroImpactRequest) dto: LeroImpactRequest,
  ) {
    return this.reports.ownLero(ctx, dto);
  }
}
