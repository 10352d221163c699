import { Property } from '@mikro-orm/decorators/legacy';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass } from '@mikro-orm/core';
import type { AuditEntryView, Page, RequestContext } from '@hearth/contracts';
import { TenantOwnedEntity } from './tenant-owned.entity';
import { decodeCursor, pageOf } from './cursor.util';
import type { TenantScope } from './service-database';

/**
 * The base of every service's activity log: who did what in a LERO, and when. `details` holds ids and field
 * names, never a personal value. Tenant-owned: row-level security applies. A service's entity adds its own
 * columns (membership: the member id) and its table name.
 */
export abstract class AuditEntryBase extends TenantOwnedEntity {
  @Property({ type: 'timestamptz' })
  at: Date = new Date();

  @Property({ type: 'uuid', nullable: true })
  actorAccountId: string | null = null;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'json' })
  details: Record<string, unknown> = {};
}

/** The fields of one entry: the actor comes from the request (none for the system's own work). */
export const auditEntryFields = (
  tenantId: string,
  ctx: RequestContext,
  action: string,
  details: Record<string, unknown>,
) => ({ tenantId, action, details, actorAccountId: ctx.actor?.accountId ?? null, at: new Date() });

/** Records an entry in the caller's transaction; the em must carry the LERO's tenant (RLS checks it). */
export function recordAuditEntry<E extends AuditEntryBase>(
  em: EntityManager,
  entity: EntityClass<E>,
  fields: ReturnType<typeof auditEntryFields> & Partial<E>,
): void {
  em.persist(em.create(entity, fields as never));
}

/** One LERO's log, newest first; the cursor pages backwards in time. */
export async function listAuditEntries<E extends AuditEntryBase>(
  scope: TenantScope,
  entity: EntityClass<E>,
  limit: number,
  cursor?: string,
): Promise<Page<AuditEntryView>> {
  const where = cursor
    ? { tenantId: scope.tenantId, id: { $lt: decodeCursor(cursor) } }
    : { tenantId: scope.tenantId };
  const rows = (await scope.em.find(entity, where as never, {
    orderBy: { id: 'desc' } as never,
    limit: limit + 1,
  })) as E[];
  return pageOf(rows, limit, (r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorAccountId: r.actorAccountId,
    action: r.action,
    details: r.details,
  }));
}
