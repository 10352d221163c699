import {
  LeroImpactRequest,
  RegionImpactQuery,
  RegionReportingRequest,
  ReportingSubjects as S,
  UpdateReportingSettingsRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { ImpactReportService } from './impact/impact-report.service';
import { ReportingSettingsService } from './settings/reporting-settings.service';

/** NATS handlers of the reporting service: one-line delegations; the rules live in the services. */
@MessageController()
export class ReportingController {
  constructor(
    private readonly reports: ImpactReportService,
    private readonly settings: ReportingSettingsService,
  ) {}

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

  @Answer(S.getSettings) getSettings(
    @Ctx() ctx: RequestContext,
    @Data(RegionReportingRequest) dto: RegionReportingRequest,
  ) {
    return this.settings.get(ctx, dto);
  }

  @Answer(S.updateSettings) updateSettings(
    @Ctx() ctx: RequestContext,
    @Data(UpdateReportingSettingsRequest) dto: UpdateReportingSettingsRequest,
  ) {
    return this.settings.update(ctx, dto);
  }
}
