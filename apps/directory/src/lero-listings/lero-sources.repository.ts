import type { EntityManager } from '@mikro-orm/postgresql';
import type { ActivityCategory, ActivityListingFacts, TenantStatus } from '@hearth/contracts';
import { runIn } from './em-sql.util';

/** What the directory knows of a LERO from the tenants service's events: the newest one wins. */
export interface LeroSource {
  tenant_id: string;
  region_id: string;
  name: string;
  status: TenantStatus;
  publish_to_directory: boolean;
  contact_email: string | null;
  /** What its organisation listing was last written as (null: never listed). */
  published: Record<string, unknown> | null;
}

/** The facts of an activity the directory may publish, with its title and category. */
export type ListingFacts = ActivityListingFacts & { title: string; category: ActivityCategory };

/** What the directory knows of an activity from the events service's events: the newest one wins. */
export interface ActivitySource {
  id: string;
  tenant_id: string;
  status: 'active' | 'paused' | 'ended';
  removed: boolean;
  /** Null unless it is public and not opted out: nothing else of it is kept here. */
  listing: ListingFacts | null;
  published: Record<string, unknown> | null;
}

/** Which event a source row was last written from: newer means a later time, then a later (UUIDv7) id. */
export interface Version {
  occurredAt: string;
  eventId: string;
}

const NEWER = (table: string) =>
  `where (${table}.occurred_at, ${table}.event_id) < (excluded.occurred_at, excluded.event_id)`;

/**
 * The directory's own projection of its sources (tenant-owned: the LERO's facts, kept under its RLS whatever
 * region it turns out to be in). Each write keeps only the newest event's state, so any arrival order ends alike.
 */
export const LeroSources = {
  /** The row-level-security settings of the rest of the transaction: the LERO, and its region once known. */
  async scope(em: EntityManager, setting: 'app.tenant_id' | 'app.region_id', id: string): Promise<void> {
    await runIn(em, { sql: `select set_config($1, $2, true)`, params: [setting, id] });
  },

  /**
   * Enters one LERO for the rest of the transaction: its row-level security, and its turn — a transaction-scoped
   * lock on the LERO, so that two events of it (its own and an activity's, say) are handled one after the other.
   * Each handler reads what the other writes; at once, each could miss the other's uncommitted row and neither
   * list the activity.
   */
  async enterLero(em: EntityManager, tenantId: string): Promise<void> {
    await this.scope(em, 'app.tenant_id', tenantId);
    await runIn(em, {
      sql: `select pg_advisory_xact_lock(hashtextextended('directory.lero:' || $1, 0))`,
      params: [tenantId],
    });
  },

  /** True when this event is the newest seen for the LERO (its state was written). */
  async upsertLero(em: EntityManager, lero: Omit<LeroSource, 'published'>, v: Version): Promise<boolean> {
    const rows = await runIn(em, {
      sql: `insert into directory.lero_sources as l (tenant_id, region_id, name, status, publish_to_directory,
              contact_email, occurred_at, event_id) values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (tenant_id) do update set region_id = excluded.region_id, name = excluded.name,
              status = excluded.status, publish_to_directory = excluded.publish_to_directory,
              contact_email = excluded.contact_email, occurred_at = excluded.occurred_at, event_id = excluded.event_id
            ${NEWER('l')} returning tenant_id`,
      params: [
        lero.tenant_id,
        lero.region_id,
        lero.name,
        lero.status,
        lero.publish_to_directory,
        lero.contact_email,
        v.occurredAt,
        v.eventId,
      ],
    });
    return rows.length > 0;
  },

  async upsertActivity(
    em: EntityManager,
    activity: Omit<ActivitySource, 'published'>,
    v: Version,
  ): Promise<boolean> {
    const rows = await runIn(em, {
      sql: `insert into directory.activity_sources as a (id, tenant_id, status, removed, listing, occurred_at,
              event_id) values ($1, $2, $3, $4, $5::jsonb, $6, $7)
            on conflict (id) do update set status = excluded.status, removed = excluded.removed,
              listing = excluded.listing, occurred_at = excluded.occurred_at, event_id = excluded.event_id
            ${NEWER('a')} and a.tenant_id = excluded.tenant_id returning id`,
      params: [
        activity.id,
        activity.tenant_id,
        activity.status,
        activity.removed,
        activity.listing ? JSON.stringify(activity.listing) : null,
        v.occurredAt,
        v.eventId,
      ],
    });
    return rows.length > 0;
  },

  async lero(em: EntityManager, tenantId: string): Promise<LeroSource | undefined> {
    const [row] = await runIn<LeroSource>(em, {
      sql: `select tenant_id, region_id, name, status, publish_to_directory, contact_email, published
            from directory.lero_sources where tenant_id = $1`,
      params: [tenantId],
    });
    return row;
  },

  /** The LERO's activities (one, when `activityId` is given), oldest first. */
  async activities(em: EntityManager, tenantId: string, activityId?: string): Promise<ActivitySource[]> {
    return runIn<ActivitySource>(em, {
      sql: `select id, tenant_id, status, removed, listing, published from directory.activity_sources
            where tenant_id = $1 and ($2::uuid is null or id = $2::uuid) order by id`,
      params: [tenantId, activityId ?? null],
    });
  },

  async markLeroPublished(em: EntityManager, tenantId: string, published: unknown): Promise<void> {
    await runIn(em, {
      sql: `update directory.lero_sources set published = $2::jsonb where tenant_id = $1`,
      params: [tenantId, JSON.stringify(published)],
    });
  },

  async markActivityPublished(em: EntityManager, id: string, published: unknown): Promise<void> {
    await runIn(em, {
      sql: `update directory.activity_sources set published = $2::jsonb where id = $1`,
      params: [id, JSON.stringify(published)],
    });
  },
};
