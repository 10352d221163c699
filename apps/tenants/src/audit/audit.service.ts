import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEntryView, Page, RequestContext } from '@hearth/contracts';
import {
  asTenantId,
  auditEntryFields,
  listAuditEntries,
  recordAuditEntry,
  type TenantScope,
} from '@hearth/persistence';
import { TenantsDatabase } from '../tenants-database';
import { RoleGrant } from '../accounts/role-grant.entity';
import { AuditEntry } from './audit-entry.entity';

@Injectable()
export class AuditService {
  constructor(private readonly db: TenantsDatabase) {}

  /** Records an entry in the caller's transaction; the em must carry the LERO's tenant (RLS checks it). */
  record(
    em: EntityManager,
    tenantId: string,
    ctx: RequestContext,
    action: string,
    details: Record<string, unknown> = {},
  ) {
    recordAuditEntry(em, AuditEntry, auditEntryFields(tenantId, ctx, action, details));
  }

  /** The LEROs an account holds a role in: where a change to the account itself is logged. */
  async leroIdsOf(em: EntityManager, accountId: string): Promise<string[]> {
    const grants = await em.find(RoleGrant, { accountId, tenantId: { $ne: null } }, { fields: ['tenantId'] });
    return [...new Set(grants.map((g) => g.tenantId!))];
  }

  /**
   * A change to an account (disabled, enabled, a password changed or reset, signed out everywhere) goes into
   * the activity log of each LERO it has a role in, one LERO's transaction each (RLS allows no other).
   */
  async recordForAccount(
    tenantIds: string[],
    ctx: RequestContext,
    action: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    for (const tenantId of tenantIds) {
      await this.db
        .forTenant(asTenantId(tenantId))
        .em.transactional(async (em) => this.record(em, tenantId, ctx, action, details));
    }
  }

  /** Newest first; the cursor pages backwards in time. */
  list(scope: TenantScope, limit: number, cursor?: string): Promise<Page<AuditEntryView>> {
    return listAuditEntries(scope, AuditEntry, limit, cursor);
  }
}
