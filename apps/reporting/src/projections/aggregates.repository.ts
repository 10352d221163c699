import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidv7 } from 'uuidv7';
import { TENANT_SETTING } from '@hearth/persistence';

/** Writes of the projections, inside the consuming transaction (the LERO's RLS setting is in place). */
@Injectable()
export class AggregatesRepository {
  /**
   * Sets the LERO for row-level security in this transaction. MikroORM stages it only before queries of
   * filtered entities; these writes are plain SQL, so they set it themselves (the same `set_config`).
   */
  async enterTenant(em: EntityManager, tenantId: string): Promise<void> {
    // Events of one LERO handled together share a transaction (and this entity manager): set it once.
    if (this.entered.get(em) === tenantId) return;
    await em.execute(`select set_config('${TENANT_SETTING}', ?, true)`, [tenantId]);
    this.entered.set(em, tenantId);
  }

  /** The LERO each transaction's entity manager has set (a transaction's setting ends with it). */
  private readonly entered = new WeakMap<EntityManager, string>();

  /** Adds `delta` to an additive count of one LERO's day. */
  async add(
    em: EntityManager,
    tenantId: string,
    day: string,
    metric: string,
    dimension: string,
    delta: number,
  ) {
    if (delta === 0) return;
    await em.execute(
      `insert into reporting.daily_counts (tenant_id, day, metric, dimension, value) values (?, ?, ?, ?, ?)
        on conflict (tenant_id, day, metric, dimension) do update set value = daily_counts.value + excluded.value`,
      [tenantId, day, metric, dimension, delta],
      'run',
    );
  }

  /** Counts a pseudonymous key in a month's distinct set once more (or once less, with -1). */
  async countKey(
    em: EntityManager,
    tenantId: string,
    month: string,
    metric: string,
    dimension: string,
    key: string,
    delta: 1 | -1,
  ) {
    await em.execute(
      `insert into reporting.monthly_keys (tenant_id, month, metric, dimension, key, refs) values (?, ?, ?, ?, ?, ?)
        on conflict (tenant_id, month, metric, dimension, key) do update set refs = monthly_keys.refs + excluded.refs`,
      [tenantId, month, metric, dimension, key, delta],
      'run',
    );
    if (delta < 0)
      await em.execute(
        `delete from reporting.monthly_keys
          where tenant_id = ? and month = ? and metric = ? and dimension = ? and key = ? and refs = 0`,
        [tenantId, month, metric, dimension, key],
        'run',
      );
  }

  /** Opens a membership span, unless one is open already (a repeated join changes nothing). */
  async openSpan(em: EntityManager, tenantId: string, memberKey: string, day: string): Promise<boolean> {
    const res = await em.execute<{ affectedRows: number }>(
      `insert into reporting.member_spans (id, tenant_id, member_key, started_on)
        select ?, ?, ?, ? where not exists (
          select 1 from reporting.member_spans where tenant_id = ? and member_key = ? and ended_on is null)`,
      [uuidv7(), tenantId, memberKey, day, tenantId, memberKey],
      'run',
    );
    return res.affectedRows > 0;
  }

  /** Ends the open span on that day (a member counts as active on the day they leave). */
  async closeSpan(em: EntityManager, tenantId: string, memberKey: string, day: string): Promise<void> {
    await em.execute(
      `update reporting.member_spans set ended_on = greatest(started_on, ?::date)
        where tenant_id = ? and member_key = ? and ended_on is null`,
      [day, tenantId, memberKey],
      'run',
    );
  }

  /** Unlinks every span of a member from its key: they keep counting, as nobody in particular. */
  async forgetKey(em: EntityManager, tenantId: string, memberKey: string): Promise<void> {
    await em.execute(
      `update reporting.member_spans set member_key = ? where tenant_id = ? and member_key = ?`,
      [`erased:${uuidv7()}`, tenantId, memberKey],
      'run',
    );
  }

  async upsertRegion(em: EntityManager, id: string, name: string): Promise<void> {
    await em.execute(
      `insert into reporting.regions (id, name) values (?, ?)
        on conflict (id) do update set name = excluded.name, updated_at = now()`,
      [id, name],
      'run',
    );
  }

  /** The LERO as the latest event says it is; an older event never overwrites a newer one. */
  async upsertLero(
    em: EntityManager,
    lero: { id: string; regionId: string; name: string; visibility: string; status: string; at: string },
  ): Promise<void> {
    await em.execute(
      `insert into reporting.leros (id, region_id, name, visibility, status, onboarded_at, archived_at, updated_at)
        values (?, ?, ?, ?, ?, ?, case when ? = 'archived' then ?::timestamptz end, ?)
        on conflict (id) do update set
          region_id = excluded.region_id, name = excluded.name, visibility = excluded.visibility,
          status = excluded.status, onboarded_at = least(leros.onboarded_at, excluded.onboarded_at),
          archived_at = case when excluded.status = 'archived'
            then coalesce(leros.archived_at, excluded.archived_at) end,
          updated_at = excluded.updated_at
        where leros.updated_at <= excluded.updated_at`,
      [
        lero.id,
        lero.regionId,
        lero.name,
        lero.visibility,
        lero.status,
        lero.at,
        lero.status,
        lero.at,
        lero.at,
      ],
      'run',
    );
  }
}
