import { Injectable } from '@nestjs/common';
import {
  MIN_SUPPRESS_BELOW,
  ROUND_TO,
  notFound,
  type RegionReportingRequest,
  type ReportingSettingsView,
  type RequestContext,
  type UpdateReportingSettingsRequest,
} from '@hearth/contracts';
import { authoriseRegion, holdsRegionGrant } from '../reporting-access';
import { FiguresRepository } from '../impact/figures.repository';

/**
 * A region's disclosure threshold: 8 unless its admins chose a stricter one (the contract refuses a laxer
 * one). A change applies to periods not yet released; released ones keep the threshold they were frozen with.
 */
@Injectable()
export class ReportingSettingsService {
  constructor(private readonly figures: FiguresRepository) {}

  async get(ctx: RequestContext, dto: RegionReportingRequest): Promise<ReportingSettingsView> {
    const { actor } = authoriseRegion(ctx.actor, dto.regionId, 'ReportingSettings');
    const region = await this.figures.region(dto.regionId);
    if (!region && !holdsRegionGrant(actor, dto.regionId)) throw notFound('Region');
    return {
      regionId: dto.regionId,
      suppressBelow: region?.suppressBelow ?? MIN_SUPPRESS_BELOW,
      roundTo: ROUND_TO,
    };
  }

  async update(ctx: RequestContext, dto: UpdateReportingSettingsRequest): Promise<ReportingSettingsView> {
    authoriseRegion(ctx.actor, dto.regionId, 'ReportingSettings', 'update');
    if (!(await this.figures.setSuppressBelow(dto.regionId, dto.suppressBelow))) throw notFound('Region');
    return { regionId: dto.regionId, suppressBelow: dto.suppressBelow, roundTo: ROUND_TO };
  }
}
