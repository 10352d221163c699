import type { EntityManager } from '@mikro-orm/postgresql';
import type { PublicRoleFacts } from '@hearth/contracts';
import { runIn } from './em-sql.util';
import type { Version } from './lero-sources.repository';

/** What the directory knows of a volunteering role from volunteering's events: the newest one wins (ADR 0058). */
export interface RoleSource {
  id: string;
  tenant_id: string;
  status: 'open' | 'closed';
  /** Null unless the role is public: nothing of a members-only role is kept here. */
  listing: (PublicRoleFacts & { title: string }) | null;
  published: Record<string, unknown> | null;
}

/** The directory's projection of LEROs' roles (tenant-owned, as `activity_sources`): any arrival order ends alike. */
export const RoleSources = {
  /** True when this event is the newest seen for the role (its state was written). */
  async upsert(em: EntityManager, role: Omit<RoleSource, 'published'>, v: Version): Promise<boolean> {
    const rows = await runIn(em, {
      sql: `insert into directory.role_sources as r (id, tenant_id, status, listing, occurred_at, event_id)
              values ($1, $2, $3, $4::jsonb, $5, $6)
            on conflict (id) do update set status = excluded.status, listing = excluded.listing,
              occurred_at = excluded.occurred_at, event_id = excluded.event_id
            where (r.occurred_at, r.event_id) < (excluded.occurred_at, excluded.event_id)
              and r.tenant_id = excluded.tenant_id returning id`,
      params: [
        role.id,
        role.tenant_id,
        role.status,
        role.listing ? JSON.stringify(role.listing) : null,
        v.occurredAt,
        v.eventId,
      ],
    });
    return rows.length > 0;
  },

  /** The LERO's roles (one, when `roleId` is given), oldest first. */
  async roles(em: EntityManager, tenantId: string, roleId?: string): Promise<RoleSource[]> {
    return runIn<RoleSource>(em, {
      sql: `select id, tenant_id, status, listing, published from directory.role_sources
            where tenant_id = $1 and ($2::uuid is null or id = $2::uuid) order by id`,
      params: [tenantId, roleId ?? null],
    });
  },

  async markPublished(em: EntityManager, id: string, published: unknown): Promise<void> {
    await runIn(em, {
      sql: `update directory.role_sources set published = $2::jsonb where id = $1`,
      params: [id, JSON.stringify(published)],
    });
  },
};
