import { Injectable } from '@nestjs/common';
import {
  TenantsClient,
  type ConsultationIdRequest,
  type ConsultationStatus,
  type CreateConsultationRequest,
  type CreateRegionConsultationRequest,
  type ListConsultationsRequest,
  type ListRegionConsultationsRequest,
  type PublishRegionTextsRequest,
  type PublishTextsRequest,
  type RegionConsultationIdRequest,
  type RegionResultsRequest,
  type RequestContext,
  type ResultsRequest,
  type UpdateConsultationRequest,
  type UpdateRegionConsultationRequest,
} from '@hearth/contracts';
import type { RegionId, TenantId } from '@hearth/persistence';
import {
  allows,
  authoriseInLero,
  authoriseInRegion,
  regionOfLero,
  type Authorised,
} from '../advocacy-access';
import type { Owner } from './consultations.repository';
import { ConsultationsService } from './consultations.service';

const withoutIds = <T extends object>(d: T, ...keys: string[]) =>
  Object.fromEntries(Object.entries(d).filter(([k]) => !keys.includes(k))) as never;

/**
 * Each request through the gate first (who, may they, whose consultations), then the rules. A LERO's staff run its
 * consultations; its members see the open ones; a region's admins run the region's; its commissioners read counts.
 */
@Injectable()
export class ConsultationRoutes {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly tenants: TenantsClient,
  ) {}

  create(ctx: RequestContext, d: CreateConsultationRequest) {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'create', 'Consultation');
    return this.consultations.create(lero(a.tenantId), withoutIds(d, 'tenantId'));
  }

  async list(ctx: RequestContext, d: ListConsultationsRequest) {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'read', 'Consultation', { status: 'open' });
    if (isStaff(a)) return this.consultations.list(lero(a.tenantId), d, false);
    // A member: the LERO's open consultations and its region's open ones asked of them.
    return this.consultations.listOpenForMember(lero(a.tenantId), await this.regionOf(ctx, a), d);
  }

  get(ctx: RequestContext, d: ConsultationIdRequest) {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'read', 'Consultation', { status: 'open' });
    const visible = ({ status }: { status: ConsultationStatus }) =>
      allows(a, 'read', 'Consultation', { tenantId: a.tenantId, status });
    if (isStaff(a)) return this.consultations.get(lero(a.tenantId), d.consultationId, visible);
    // A member also reads an open consultation of the region asked of its LEROs (the one they respond to here).
    return this.consultations.getForMember(
      lero(a.tenantId),
      () => this.regionOf(ctx, a),
      d.consultationId,
      visible,
    );
  }

  private async regionOf(ctx: RequestContext, a: Authorised): Promise<Owner> {
    return region(regionOfLero(a, await this.tenants.tenantAccess(ctx, a.tenantId)));
  }

  update(ctx: RequestContext, d: UpdateConsultationRequest) {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'update', 'Consultation');
    return this.consultations.update(
      lero(a.tenantId),
      d.consultationId,
      withoutIds(d, 'tenantId', 'consultationId'),
    );
  }

  lifecycle(ctx: RequestContext, d: ConsultationIdRequest, to: 'open' | 'close') {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'update', 'Consultation');
    return this.consultations[to](lero(a.tenantId), d.consultationId);
  }

  results(ctx: RequestContext, d: ResultsRequest) {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'read', 'Results');
    const texts = allows(a, 'read', 'FreeText', { tenantId: a.tenantId });
    return this.consultations.results(lero(a.tenantId), d.consultationId, { texts, by: d.by });
  }

  publishTexts(ctx: RequestContext, d: PublishTextsRequest) {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'update', 'Consultation');
    return this.consultations.publishTexts(lero(a.tenantId), d.consultationId, d.question, d.texts);
  }

  publishTextsInRegion(ctx: RequestContext, d: PublishRegionTextsRequest) {
    const a = authoriseInRegion(ctx.actor, d.regionId, 'update', 'Consultation');
    return this.consultations.publishTexts(region(a.regionId), d.consultationId, d.question, d.texts);
  }

  createInRegion(ctx: RequestContext, d: CreateRegionConsultationRequest) {
    const a = authoriseInRegion(ctx.actor, d.regionId, 'create', 'Consultation');
    return this.consultations.create(region(a.regionId), withoutIds(d, 'regionId'));
  }

  listInRegion(ctx: RequestContext, d: ListRegionConsultationsRequest) {
    const a = authoriseInRegion(ctx.actor, d.regionId, 'read', 'Consultation');
    return this.consultations.list(region(a.regionId), d, false);
  }

  getInRegion(ctx: RequestContext, d: RegionConsultationIdRequest) {
    const a = authoriseInRegion(ctx.actor, d.regionId, 'read', 'Consultation');
    return this.consultations.get(region(a.regionId), d.consultationId, () => true);
  }

  updateInRegion(ctx: RequestContext, d: UpdateRegionConsultationRequest) {
    const a = authoriseInRegion(ctx.actor, d.regionId, 'update', 'Consultation');
    return this.consultations.update(
      region(a.regionId),
      d.consultationId,
      withoutIds(d, 'regionId', 'consultationId'),
    );
  }

  lifecycleInRegion(ctx: RequestContext, d: RegionConsultationIdRequest, to: 'open' | 'close') {
    const a = authoriseInRegion(ctx.actor, d.regionId, 'update', 'Consultation');
    return this.consultations[to](region(a.regionId), d.consultationId);
  }

  resultsInRegion(ctx: RequestContext, d: RegionResultsRequest) {
    const a = authoriseInRegion(ctx.actor, d.regionId, 'read', 'Results');
    const texts = allows(a, 'read', 'FreeText', { regionId: a.regionId });
    return this.consultations.results(region(a.regionId), d.consultationId, { texts, by: d.by });
  }
}

/** The LERO's staff (who see its drafts) rather than a member (who sees what is open to them). */
const isStaff = (a: Authorised) =>
  allows(a, 'read', 'Consultation', { tenantId: a.tenantId, status: 'draft' });
const lero = (id: TenantId): Owner => ({ kind: 'lero', id });
const region = (id: RegionId): Owner => ({ kind: 'region', id });
