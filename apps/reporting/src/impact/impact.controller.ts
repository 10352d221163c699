import {
  LeroImpactRequest,
  RegionImpactQuery,
  ReportingSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, JsonText, MessageController } from '@hearth/messaging';
import { ImpactReportService } from './impact-report.service';

/**
 * The two impact reports: a region's disclosure-controlled figures and a LERO's own exact ones. Each is written as
 * JSON here, once: the gateway sends the text on as its answer's body (ADR 0094).
 */
@MessageController()
export class ImpactController {
  constructor(private readonly reports: ImpactReportService) {}

  @Answer(S.regionImpact) regionImpact(
    @Ctx() ctx: RequestContext,
    @Data(RegionImpactQuery) dto: RegionImpactQuery,
  ) {
    return this.reports.regional(ctx, dto).then(JsonText.of);
  }

  @Answer(S.leroImpact) leroImpact(
    @Ctx() ctx: RequestContext,
    @Data(LeroImpactRequest) dto: LeroImpactRequest,
  ) {
    return this.reports.ownLero(ctx, dto).then(JsonText.of);
  }
}
