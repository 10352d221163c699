import { Injectable } from '@nestjs/common';
import {
  AppError,
  TENANT_ROLES,
  TenantsEvents,
  type AuditEntryView,
  type ListAuditRequest,
  type ListTenantsQuery,
  type Page,
  type RequestContext,
  type TenantAccessView,
  type TenantView,
  type TransitionTenantRequest,
  type UpdateTenantRequest,
} from '@hearth/contracts';
import { isPlatformAdmin, regionIdsWith, requireActor, subject, tenantIdsWith } from '@hearth/auth';
import { asTenantId, decodeCursor, pageOf } from '@hearth/persistence';
import { recordEvent } from '@hearth/messaging';
import { LockMode, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TenantsDatabase } from '../tenants-database';
import { tenantsAbility } from '../tenants.ability';
import { AuditService } from '../audit/audit.service';
import { Tenant } from './tenant.entity';
import { authoriseTenant } from './tenant-access';
import { enabledAdminIds, isLeroAdmin } from './lero-admins';
import { TENANT_LIFECYCLE, canTransition } from './tenant-lifecycle';
import { tenantEvent, tenantView } from './tenant.view';

const DEFAULT_PAGE = 20;

@Injectable()
export class TenantsService {
  constructor(
    private readonly db: TenantsDatabase,
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
    const rows = await this.db
      .em()
      .find(Tenant, { $and: where }, { orderBy: { id: 'asc' }, limit: limit + 1 });
    return pageOf(rows, limit, tenantView);
  }

  async get(ctx: RequestContext, tenantId: string): Promise<TenantView> {
    const actor = requireActor(ctx.actor);
    return tenantView(authoriseTenant(actor, await this.db.em().findOne(Tenant, { id: tenantId })));
  }

  async access(ctx: RequestContext, tenantId: string): Promise<TenantAccessView> {
    const tenant = await this.get(ctx, tenantId);
    return { tenantId: tenant.id, regionId: tenant.regionId, status: tenant.status };
  }

  async update(ctx: RequestContext, dto: UpdateTenantRequest): Promise<TenantView> {
    const actor = requireActor(ctx.actor);
    const { tenantId, ...changes } = dto;
    return this.db.forTenant(asTenantId(tenantId)).em.transactional(async (em) => {
      const tenant = authoriseTenant(actor, await em.findOne(Tenant, { id: tenantId }), 'update');
      if (tenant.status === 'archived')
        throw new AppError('CONFLICT', 'This LERO is archived and can no longer be changed.');
      const changed = Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined);
      if (changed.length === 0) return tenantView(tenant);
      if (!isLeroAdmin(actor, tenant.id)) await this.ensureRegionMayChange(em, tenant, changed);
      if (changes.name !== undefined) tenant.name = changes.name.trim();
      if (changes.contactEmail !== undefined) tenant.contactEmail = changes.contactEmail;
      if (changes.reportingVisibility !== undefined) tenant.reportingVisibility = changes.reportingVisibility;
      tenant.updatedAt = new Date();
      this.audit.record(em, tenant.id, ctx, 'tenant.updated', { fields: changed });
      recordEvent(em, TenantsEvents.tenantUpdated, tenantEvent(tenant), tenant.id);
      return tenantView(tenant);
    });
  }

  /**
   * A LERO's settings are its own admins' once it has one: region staff may set its name and contact email
   * while it is onboarding or has no enabled admin (to reach it for break glass), never its reporting choice.
   */
  private async ensureRegionMayChange(em: EntityManager, tenant: Tenant, fields: string[]): Promise<void> {
    if (fields.includes('reportingVisibility')) {
      throw new AppError(
        'FORBIDDEN',
        'Only this LERO’s own admins can choose how its figures are reported.',
        {
          reason: 'LeroAdminsOnly',
        },
      );
    }
    if (tenant.status !== 'onboarding' && (await enabledAdminIds(em, tenant.id)).length > 0) {
      throw new AppError('FORBIDDEN', 'Only this LERO’s own admins can change its details now it has one.', {
        reason: 'LeroAdminsOnly',
      });
    }
  }

  async transition(ctx: RequestContext, dto: TransitionTenantRequest): Promise<TenantView> {
    const actor = requireActor(ctx.actor);
    const rule = TENANT_LIFECYCLE[dto.transition];
    return this.db.forTenant(asTenantId(dto.tenantId)).em.transactional(async (em) => {
      const tenant = authoriseTenant(
        actor,
        await em.findOne(Tenant, { id: dto.tenantId }, { lockMode: LockMode.PESSIMISTIC_WRITE }),
        'transition',
      );
      if (!canTransition(tenant.status, dto.transition)) {
        throw new AppError(
          'CONFLICT',
          `A LERO that is ${tenant.status} cannot be ${rule.to === 'active' ? 'activated' : rule.to}.`,
          {
            reason: 'InvalidTransition',
            status: tenant.status,
          },
        );
      }
      tenant.status = rule.to;
      tenant.updatedAt = new Date();
      this.audit.record(em, tenant.id, ctx, `tenant.${rule.to}`, {});
      recordEvent(em, rule.event, tenantEvent(tenant), tenant.id);
      return tenantView(tenant);
    });
  }

  async listAudit(ctx: RequestContext, dto: ListAuditRequest): Promise<Page<AuditEntryView>> {
    const actor = requireActor(ctx.actor);
    const tenant = authoriseTenant(actor, await this.db.em().findOne(Tenant, { id: dto.tenantId }));
    if (
      !tenantsAbility(actor).can('read', subject('Audit', { tenantId: tenant.id, regionId: tenant.regionId }))
    ) {
      throw new AppError('FORBIDDEN', 'Only this LERO’s admins can read its activity log.');
    }
    return this.audit.list(this.db.forTenant(asTenantId(tenant.id)), dto.limit ?? 50, dto.cursor);
  }
}
