import {
  RegionReportingRequest,
  ReportingSubjects as S,
  UpdateReportingSettingsRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { ReportingSettingsService } from './reporting-settings.service';

/** A region's disclosure threshold. */
@MessageController()
export class SettingsController {
  constructor(private readonly settings: ReportingSettingsService) {}

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
