import type { RequestContext } from '../envelope';
import type { Requester } from '../requester';
import { ReportingSubjects as S } from './subjects';
import type {
  LeroImpactQuery,
  LeroImpactReport,
  RegionImpactQuery,
  RegionImpactReport,
  ReportingSettingsDto,
  ReportingSettingsView,
} from './impact.dto';

/** The typed face of the reporting service for its callers (the gateway). */
export class ReportingClient {
  constructor(private readonly bus: Requester) {}

  regionImpact = (ctx: RequestContext, query: RegionImpactQuery) =>
    this.bus.request<RegionImpactReport>(S.regionImpact, ctx, query);
  leroImpact = (ctx: RequestContext, tenantId: string, query: LeroImpactQuery) =>
    this.bus.request<LeroImpactReport>(S.leroImpact, ctx, { ...query, tenantId });
  /** The reports as their JSON text, as reporting wrote it: the gateway's JSON answers (ADR 0094). */
  regionImpactJson = (ctx: RequestContext, query: RegionImpactQuery) =>
    this.bus.requestJson(S.regionImpact, ctx, query);
  leroImpactJson = (ctx: RequestContext, tenantId: string, query: LeroImpactQuery) =>
    this.bus.requestJson(S.leroImpact, ctx, { ...query, tenantId });
  getSettings = (ctx: RequestContext, regionId: string) =>
    this.bus.request<ReportingSettingsView>(S.getSettings, ctx, { regionId });
  updateSettings = (ctx: RequestContext, regionId: string, dto: ReportingSettingsDto) =>
    this.bus.request<ReportingSettingsView>(S.updateSettings, ctx, { ...dto, regionId });
}
