import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEntryView, Page, RequestContext } from '@hearth/contracts';
import { decodeCursor, pageOf, type TenantScope } from '@hearth/persistence';
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

  /** Newest first; the cursor pages backwards in time. */
  async list(scope: TenantScope, limit: number, cursor?: string): Promise<Page<AuditEntryView>> {
    const where = cursor
      ? { tenantId: scope.tenantId, id: { $lt: decodeCursor(cursor) } }
      : { tenantId: scope.tenantId };
    const rows = await scope.em.find(AuditEntry, where, { orderBy: { id: 'desc' }, limit: limit + 1 });
    return pageOf(rows, limit, (r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorAccountId: r.actorAccountId,
      action: r.action,
      details: r.details,
    }));
  }
}
