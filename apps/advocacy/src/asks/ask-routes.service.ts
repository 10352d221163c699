import { Injectable } from '@nestjs/common';
import {
  TenantsClient,
  type AddAskUpdateRequest,
  type AddRegionAskUpdateRequest,
  type AskIdRequest,
  type CreateAskRequest,
  type CreateRegionAskRequest,
  type ListAskConsultationsRequest,
  type ListAsksRequest,
  type ListRegionAsksRequest,
  type RegionAskIdRequest,
  type RequestContext,
  type UpdateAskRequest,
  type UpdateRegionAskRequest,
} from '@hearth/contracts';
import type { RegionId, TenantId } from '@hearth/persistence';
import {
  allows,
  authoriseInLero,
  authoriseInRegion,
  regionOfLero,
  type Authorised,
} from '../advocacy-access';
import type { Owner } from '../consultations/consultations.repository';
import { AsksService } from './asks.service';

const without = <T extends object>(d: T, ...keys: string[]) =>
  Object.fromEntries(Object.entries(d).filter(([k]) => !keys.includes(k))) as never;

/**
 * Each ask request through the gate first (who, may they, whose asks), then the rules (ADR 0065). A LERO's staff
 * manage its asks and its members read the public ones; a region's admins manage the region's own.
 */
@Injectable()
export class AskRoutes {
  constructor(
    private readonly asks: AsksService,
    private readonly tenants: TenantsClient,
  ) {}

  create(ctx: RequestContext, d: CreateAskRequest) {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'create', 'Ask');
    return this.asks.create(lero(a.tenantId), without(d, 'tenantId'), this.regionOf(ctx, a));
  }

  consultations(ctx: RequestContext, d: ListAskConsultationsRequest) {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'create', 'Ask');
    return this.asks.namableConsultations(lero(a.tenantId), this.regionOf(ctx, a));
  }

  /** The LERO's region as the tenants service answers for it (asked only for a consultation not the LERO's own). */
  private regionOf(ctx: RequestContext, a: Authorised) {
    return async () => region(regionOfLero(a, await this.tenants.tenantAccess(ctx, a.tenantId)));
  }

  list(ctx: RequestContext, d: ListAsksRequest) {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'read', 'Ask', { public: true });
    const all = allows(a, 'read', 'Ask', { tenantId: a.tenantId, public: false });
    return this.asks.list(lero(a.tenantId), d, !all);
  }

  get(ctx: RequestContext, d: AskIdRequest) {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'read', 'Ask', { public: true });
    return this.asks.get(lero(a.tenantId), d.askId, (isPublic) =>
      allows(a, 'read', 'Ask', { tenantId: a.tenantId, public: isPublic }),
    );
  }

  update(ctx: RequestContext, d: UpdateAskRequest) {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'update', 'Ask');
    return this.asks.update(
      lero(a.tenantId),
      d.askId,
      without(d, 'tenantId', 'askId'),
      this.regionOf(ctx, a),
    );
  }

  addUpdate(ctx: RequestContext, d: AddAskUpdateRequest) {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'update', 'Ask');
    return this.asks.addUpdate(lero(a.tenantId), d.askId, without(d, 'tenantId', 'askId'));
  }

  createInRegion(ctx: RequestContext, d: CreateRegionAskRequest) {
    const a = authoriseInRegion(ctx.actor, d.regionId, 'create', 'Ask');
    return this.asks.create(region(a.regionId), without(d, 'regionId'));
  }

  listInRegion(ctx: RequestContext, d: ListRegionAsksRequest) {
    const a = authoriseInRegion(ctx.actor, d.regionId, 'read', 'Ask');
    return this.asks.list(region(a.regionId), d, false);
  }

  getInRegion(ctx: RequestContext, d: RegionAskIdRequest) {
    const a = authoriseInRegion(ctx.actor, d.regionId, 'read', 'Ask');
    return this.asks.get(region(a.regionId), d.askId, () => true);
  }

  updateInRegion(ctx: RequestContext, d: UpdateRegionAskRequest) {
    const a = authoriseInRegion(ctx.actor, d.regionId, 'update', 'Ask');
    return this.asks.update(region(a.regionId), d.askId, without(d, 'regionId', 'askId'));
  }

  addUpdateInRegion(ctx: RequestContext, d: AddRegionAskUpdateRequest) {
    const a = authoriseInRegion(ctx.actor, d.regionId, 'update', 'Ask');
    return this.asks.addUpdate(region(a.regionId), d.askId, without(d, 'regionId', 'askId'));
  }
}

const lero = (id: TenantId): Owner => ({ kind: 'lero', id });
const region = (id: RegionId): Owner => ({ kind: 'region', id });
