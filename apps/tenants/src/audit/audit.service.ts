import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AppError,
  type AuditEntryView,
  type ListAuditRequest,
  type Page,
  type RequestContext,
} from '@hearth/contracts';
import { subject } from '@hearth/auth';
import {
  auditEntryFields,
  listAuditEntries,
  recordAuditEntry,
  type TenantId,
  type TenantScope,
} from '@hearth/persistence';
import { TenantsDatabase } from '../tenants-database';
import { TenantsAccess } from '../tenants-access';
import { AuditEntry } from './audit-entry.entity';

@Injectable()
export class AuditService {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly access: TenantsAccess,
  ) {}

  /** Records an entry in the caller's transaction; the em must carry the LERO's tenant (RLS checks it). */
  record(
    em: EntityManager,
    tenantId: TenantId,
    ctx: RequestContext,
    action: string,
    details: Record<string, unknown> = {},
  ) {
    recordAuditEntry(em, AuditEntry, auditEntryFields(tenantId, ctx, action, details));
  }

  /**
   * A change to an account (disabled, enabled, a password changed or reset, signed out everywhere) goes into
   * the activity log of each LERO it has a role in, one LERO's transaction each (RLS allows no other).
   */
  async recordForAccount(
    accountId: string,
    ctx: RequestContext,
    action: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    for (const tenantId of await this.access.tenantIdsOfAccountGrants(accountId)) {
      await this.db
        .forTenant(tenantId)
        .em.transactional(async (em) => this.record(em, tenantId, ctx, action, details));
    }
  }

  /** Newest first; the cursor pages backwards in time. */
  list(scope: TenantScope, limit: number, cursor?: string): Promise<Page<AuditEntryView>> {
    return listAuditEntries(scope, AuditEntry, limit, cursor);
  }

  /** A LERO's activity log, for its admins (and its region's). */
  async listForLero(ctx: RequestContext, dto: ListAuditRequest): Promise<Page<AuditEntryView>> {
    const { ability, tenant, tenantId } = await this.access.lero(ctx, dto.tenantId);
    if (!ability.can('read', subject('Audit', { tenantId: tenant.id, regionId: tenant.regionId })))
      throw new AppError('FORBIDDEN', 'Only this LERO’s admins can read its activity log.');
    return this.list(this.db.forTenant(tenantId), dto.limit ?? 50, dto.cursor);
  }
}
