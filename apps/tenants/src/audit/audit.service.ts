import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEntryView, RequestContext } from '@hearth/contracts';
import type { TenantScope } from '@hearth/persistence';
import { AuditEntry } from './audit-entry.entity';

@Injectable()
export class AuditService {
  /** Records an entry in the caller's transaction; the em must carry the LERO's tenant (RLS checks it). */
  record(
    em: EntityManager,
    tenantId: string,
    ctx: RequestContext,
    action: string,
    details: Record<string, unknown> = {},
  ) {
    em.persist(
      em.create(AuditEntry, {
        tenantId,
        action,
        details,
        actorAccountId: ctx.actor?.accountId ?? null,
        at: new Date(),
      }),
    );
  }

  async list(scope: TenantScope, limit: number): Promise<AuditEntryView[]> {
    const rows = await scope.em.find(
      AuditEntry,
      { tenantId: scope.tenantId },
      { orderBy: { id: 'desc' }, limit },
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorAccountId: r.actorAccountId,
      action: r.action,
      details: r.details,
    }));
  }
}
