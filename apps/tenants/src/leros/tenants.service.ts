import { Injectable } from '@nestjs/common';
import {
  TENANT_ROLES,
  TenantsEvents,
  type LeroExportStartView,
  type ListTenantsQuery,
  type Page,
  type RequestContext,
  type TenantAccessView,
  type TenantView,
  type TransitionTenantRequest,
  type UpdateTenantRequest,
} from '@hearth/contracts';
import { isPlatformAdmin, regionIdsWith, requireActor, tenantIdsWith } from '@hearth/auth';
import { decodeCursor, pageOf } from '@hearth/persistence';
import { recordEvent } from '@hearth/messaging';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TenantsDatabase } from '../tenants-database';
import { TenantsAccess } from '../tenants-access';
import { AuditService } from '../audit/audit.service';
import { AccountsRepository } from '../accounts/accounts.repository';
import { Region } from '../regions/region.entity';
import type { Tenant } from './tenant.entity';
import { TenantsRepository } from './tenants.repository';
import { isLeroAdmin } from './lero-admins';
import { TENANT_LIFECYCLE, canTransition } from './tenant-lifecycle';
import { tenantEvent, tenantView } from './tenant.view';
import {
  detailsAreLeros,
  directoryChoiceIsLeros,
  openActiveChoiceIsLeros,
  invalidTransition,
  reportingChoiceIsLeros,
  tenantArchivedUnchangeable,
} from './leros.exception';

const DEFAULT_PAGE = 20;

@Injectable()
export class TenantsService {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly gate: TenantsAccess,
    private readonly tenants: TenantsRepository,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext, query: ListTenantsQuery): Promise<Page<TenantView>> {
    const actor = requireActor(ctx.actor);
    const limit = query.limit ?? DEFAULT_PAGE;
    const where: FilterQuery<Tenant>[] = [];
    if (!isPlatformAdmin(actor)) {
      const regionIds = regionIdsWith(actor, ['region-admin']);
      const tenantIds = tenantIdsWith(actor, TENANT_ROLES);
      if (regionIds.length === 0 && tenantIds.length === 0) return { items: [], nextCursor: null };
      where.push({ $or: [{ regionId: { $in: regionIds } }, { id: { $in: tenantIds } }] });
    }
    if (query.regionId) where.push({ regionId: query.regionId });
    if (query.cursor) where.push({ id: { $gt: decodeCursor(query.cursor) } });
    return pageOf(await this.tenants.page(this.db.em(), where, limit + 1), limit, tenantView);
  }

  /** One LERO, with its region's short name (where its public directory and feed are). */
  async get(ctx: RequestContext, tenantId: string): Promise<TenantView> {
    const { tenant } = await this.gate.lero(ctx, tenantId);
    const region = await this.db.em().findOne(Region, { id: tenant.regionId }, { fields: ['slug'] });
    return { ...tenantView(tenant), ...(region ? { regionSlug: region.slug } : {}) };
  }

  /**
   * A LERO's archive begins (ADR 0034): its tenant-admins only, while its team may use it. Recorded in its
   * activity log before any part is gathered, as a person's export is: the services read and send the data
   * whether or not the download then completes.
   */
  startExport(ctx: RequestContext, tenantId: string): Promise<LeroExportStartView> {
    return this.gate.inLero(ctx, tenantId, 'export', async (em, { tenant, tenantId: checked }) => {
      const exportedAt = new Date();
      this.audit.record(em, checked, ctx, 'tenant.exported', {});
      return { lero: tenantView(tenant), exportedAt: exportedAt.toISOString() };
    });
  }

  async access(ctx: RequestContext, tenantId: string): Promise<TenantAccessView> {
    const { tenant } = await this.gate.lero(ctx, tenantId);
    return { tenantId: tenant.id, regionId: tenant.regionId, status: tenant.status };
  }

  update(ctx: RequestContext, dto: UpdateTenantRequest): Promise<TenantView> {
    const { tenantId: addressed, ...changes } = dto;
    // Locked: each change's event carries the whole LERO, and consumers keep the newest (ADR 0042).
    return this.gate.inLero(
      ctx,
      addressed,
      'update',
      async (em, { actor, tenant, tenantId }) => {
        if (tenant.status === 'archived') throw tenantArchivedUnchangeable();
        const changed = Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined);
        if (changed.length === 0) return tenantView(tenant);
        if (!isLeroAdmin(actor, tenant.id)) await this.ensureRegionMayChange(em, tenant, changed);
        if (changes.name !== undefined) tenant.name = changes.name.trim();
        if (changes.contactEmail !== undefined) tenant.contactEmail = changes.contactEmail;
        if (changes.reportingVisibility !== undefined)
          tenant.reportingVisibility = changes.reportingVisibility;
        if (changes.publishToDirectory !== undefined) tenant.publishToDirectory = changes.publishToDirectory;
        if (changes.publishToOpenActive !== undefined)
          tenant.publishToOpenActive = changes.publishToOpenActive;
        tenant.updatedAt = new Date();
        this.audit.record(em, tenantId, ctx, 'tenant.updated', { fields: changed });
        recordEvent(em, TenantsEvents.tenantUpdated, tenantEvent(tenant), tenantId);
        return tenantView(tenant);
      },
      { lock: true },
    );
  }

  /**
   * A LERO's settings are its own admins' once it has one: region staff may set its name and contact email
   * while it is onboarding or has no enabled admin (to reach it for break glass), never its reporting choice or
   * whether it publishes to the directory or OpenActive.
   */
  private async ensureRegionMayChange(em: EntityManager, tenant: Tenant, fields: string[]): Promise<void> {
    if (fields.includes('reportingVisibility')) throw reportingChoiceIsLeros();
    if (fields.includes('publishToDirectory')) throw directoryChoiceIsLeros();
    if (fields.includes('publishToOpenActive')) throw openActiveChoiceIsLeros();
    if (tenant.status !== 'onboarding' && (await this.accounts.enabledAdminIds(em, tenant.id)).length > 0)
      throw detailsAreLeros();
  }

  transition(ctx: RequestContext, dto: TransitionTenantRequest): Promise<TenantView> {
    const rule = TENANT_LIFECYCLE[dto.transition];
    return this.gate.inLero(
      ctx,
      dto.tenantId,
      'transition',
      async (em, { tenant, tenantId }) => {
        if (!canTransition(tenant.status, dto.transition)) throw invalidTransition(tenant.status, rule.to);
        tenant.status = rule.to;
        tenant.updatedAt = new Date();
        this.audit.record(em, tenantId, ctx, `tenant.${rule.to}`, {});
        recordEvent(em, rule.event, tenantEvent(tenant), tenantId);
        return tenantView(tenant);
      },
      { lock: true },
    );
  }
}
