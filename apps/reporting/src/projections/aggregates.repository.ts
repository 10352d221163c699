import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { TENANT_SETTING, type TenantId } from '@hearth/persistence';
import { ReportingDatabase } from '../reporting-database';
import { trustedTenantId } from '../reporting-access';
import type { MemberChange, MemberChangeKind, MemberSpan } from './member-spans.util';

/** What an erased key stood for: a member (reporting's own member key) or a participant (events' key). */
export type ErasedKind = 'member' | 'participant';

/**
 * Where each kind of key is kept: the tables, column and (for shared tables) rows an erasure moves to the random
 * key. A member's key also keys their volunteer hours and their months as an active volunteer (ADR 0057).
 */
const KEYED_ROWS: Record<ErasedKind, { table: string; column: string; only?: string }[]> = {
  member: [
    { table: 'member_changes', column: 'member_key' },
    { table: 'member_spans', column: 'member_key' },
    { table: 'volunteer_hours', column: 'member_key' },
    { table: 'monthly_keys', column: 'key', only: `metric = 'activeVolunteers'` },
  ],
  participant: [{ table: 'monthly_keys', column: 'key', only: `metric <> 'activeVolunteers'` }],
};

/** One volunteer-hours entry as reporting counts it: the highest version seen (ADR 0057). */
export interface HoursEntry {
  version: number;
  /** The volunteer's pseudonymous key; null once their erasure's link was forgotten (counted as nobody). */
  memberKey: string | null;
  day: string;
  minutes: number;
}

/** Writes of the projections, inside the consuming transaction (the LERO's RLS setting is in place). */
@Injectable()
export class AggregatesRepository {
  constructor(private readonly db: ReportingDatabase) {}

  /**
   * Sets the LERO for row-level security in this transaction. MikroORM stages it only before queries of
   * filtered entities; these writes are plain SQL, so they set it themselves (the same `set_config`). In the
   * same statement it bumps the LERO's generation of figures (ADR 0089): a kept answer computed at an older
   * generation is never served once this transaction commits. Every projection enters its LERO before any
   * other lock or write, so the generation's row lock is always the transaction's first and cannot deadlock.
   */
  async enterTenant(em: EntityManager, tenantId: string): Promise<void> {
    // Events of one LERO handled together share a transaction (and this entity manager): set it once.
    if (this.entered.get(em) === tenantId) return;
    // The setting comes first (the CTE runs before the row is checked against the LERO's policy).
    await em.execute(
      `with entered as (select set_config('${TENANT_SETTING}', ?, true))
        insert into reporting.figure_generations (tenant_id, generation) select ?, 1 from entered
        on conflict (tenant_id) do update set generation = figure_generations.generation + 1`,
      [tenantId, tenantId],
      'run',
    );
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

  /** Notes that a signpost was counted; false when it was already (the same signpost again). */
  async countSignpostOnce(em: EntityManager, tenantId: string, signpostId: string): Promise<boolean> {
    const res = await em.execute<{ affectedRows: number }>(
      `insert into reporting.counted_signposts (tenant_id, signpost_id) values (?, ?) on conflict do nothing`,
      [tenantId, signpostId],
      'run',
    );
    return res.affectedRows > 0;
  }

  /**
   * Counts a pseudonymous key in a month's distinct set once more (or once less, with -1). A removal may come
   * before the check-in it removes (refs below zero, counted as nobody); a row back at zero is deleted, so
   * the table ends the same whichever came first.
   */
  async countKey(
    em: EntityManager,
    tenantId: string,
    month: string,
    metric: string,
    dimension: string,
    key: string,
    delta: 1 | -1,
  ) {
    const [row] = await em.execute<{ refs: number }[]>(
      `insert into reporting.monthly_keys (tenant_id, month, metric, dimension, key, refs) values (?, ?, ?, ?, ?, ?)
        on conflict (tenant_id, month, metric, dimension, key) do update set refs = monthly_keys.refs + excluded.refs
        returning refs`,
      [tenantId, month, metric, dimension, key, delta],
    );
    if (row?.refs === 0)
      await em.execute(
        `delete from reporting.monthly_keys
          where tenant_id = ? and month = ? and metric = ? and dimension = ? and key = ? and refs = 0`,
        [tenantId, month, metric, dimension, key],
        'run',
      );
  }

  /**
   * Serialises the handling of one key's facts until the transaction ends: two replicas handling two facts of
   * one member would each recompute the spans without the other's, and an attendance beside the erasure of its
   * participant key could write under the old key after the erasure moved its rows.
   */
  async lockKey(em: EntityManager, tenantId: string, kind: ErasedKind, key: string): Promise<void> {
    await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [
      `reporting/${kind}/${tenantId}/${key}`,
    ]);
  }

  /**
   * Serialises the handling of one advocacy meeting's or ask's events until the transaction ends: the first two
   * find no row to lock `for update`, and each would count it as if the other had not been.
   */
  async lockRecord(em: EntityManager, tenantId: string, kind: 'meeting' | 'ask', id: string): Promise<void> {
    await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [
      `reporting/advocacy-${kind}/${tenantId}/${id.toLowerCase()}`,
    ]);
  }

  /**
   * The tombstone of an erased key (as `eraseKey` recorded it): what its rows are keyed by now (null once the
   * link is forgotten).
   */
  async erasedKey(
    em: EntityManager,
    tenantId: string,
    kind: ErasedKind,
    key: string,
  ): Promise<{ replacedBy: string | null } | null> {
    const [row] = await em.execute<{ replaced_by: string | null }[]>(
      `select replaced_by from reporting.erased_keys where tenant_id = ? and kind = ? and key = ?`,
      [tenantId, kind, key],
    );
    return row ? { replacedBy: row.replaced_by } : null;
  }

  /**
   * Erasure: every row of the key (a member's facts and spans, a participant's months) moves to a random key that
   * nothing links to the person (they keep counting, as one person), and a tombstone keeps the link for the
   * erasure link days so late facts join those rows rather than bringing the old key back. Returns the new key.
   */
  async eraseKey(
    em: EntityManager,
    tenantId: string,
    kind: ErasedKind,
    key: string,
    linkedUntil: Date,
    /** What the tombstone holds for the key (the key itself unless told otherwise). */
    tombstone = key,
  ): Promise<string> {
    const replacedBy = randomBytes(32).toString('base64url');
    await em.execute(
      `insert into reporting.erased_keys (tenant_id, kind, key, replaced_by, linked_until) values (?, ?, ?, ?, ?)`,
      [tenantId, kind, tombstone, replacedBy, linkedUntil],
      'run',
    );
    for (const { table, column, only } of KEYED_ROWS[kind])
      await em.execute(
        `update reporting.${table} set ${column} = ? where tenant_id = ? and ${column} = ?${only ? ` and ${only}` : ''}`,
        [replacedBy, tenantId, key],
        'run',
      );
    return replacedBy;
  }

  /** The hours entry as counted so far (null when none of its versions arrived yet). */
  async hoursEntry(em: EntityManager, tenantId: string, entryId: string): Promise<HoursEntry | null> {
    const [row] = await em.execute<
      { version: number; member_key: string | null; day: string; minutes: number }[]
    >(
      `select version, member_key, to_char(day, 'YYYY-MM-DD') as day, minutes from reporting.volunteer_hours
        where tenant_id = ? and entry_id = ?`,
      [tenantId, entryId],
    );
    return row
      ? { version: row.version, memberKey: row.member_key, day: row.day, minutes: row.minutes }
      : null;
  }

  /** Keeps an hours entry as its newest version says (the caller checked it is newer than what is kept). */
  async saveHoursEntry(
    em: EntityManager,
    tenantId: string,
    entryId: string,
    entry: HoursEntry,
  ): Promise<void> {
    await em.execute(
      `insert into reporting.volunteer_hours (tenant_id, entry_id, version, member_key, day, minutes)
        values (?, ?, ?, ?, ?, ?)
        on conflict (tenant_id, entry_id) do update set version = excluded.version,
          member_key = excluded.member_key, day = excluded.day, minutes = excluded.minutes`,
      [tenantId, entryId, entry.version, entry.memberKey, entry.day, entry.minutes],
      'run',
    );
  }

  /** Records a fact of a member; false when it was recorded already (the same fact again). */
  async recordChange(
    em: EntityManager,
    tenantId: string,
    memberKey: string,
    change: MemberChange,
  ): Promise<boolean> {
    const res = await em.execute<{ affectedRows: number }>(
      `insert into reporting.member_changes (tenant_id, member_key, at, change, day) values (?, ?, ?, ?, ?)
        on conflict do nothing`,
      [tenantId, memberKey, change.at, change.change, change.day],
      'run',
    );
    return res.affectedRows > 0;
  }

  /** Every fact of one member (as few as a person's joins and leaves). */
  async changesOf(em: EntityManager, tenantId: string, memberKey: string): Promise<MemberChange[]> {
    const rows = await em.execute<{ change: MemberChangeKind; at: Date | string; day: string }[]>(
      `select change, at, to_char(day, 'YYYY-MM-DD') as day from reporting.member_changes
        where tenant_id = ? and member_key = ?`,
      [tenantId, memberKey],
    );
    return rows.map((r) => ({ change: r.change, at: new Date(r.at), day: r.day }));
  }

  /** Replaces one member's spans by those their facts describe now. */
  async replaceSpans(
    em: EntityManager,
    tenantId: string,
    memberKey: string,
    spans: MemberSpan[],
  ): Promise<void> {
    await em.execute(
      `delete from reporting.member_spans where tenant_id = ? and member_key = ?`,
      [tenantId, memberKey],
      'run',
    );
    if (spans.length === 0) return;
    await em.execute(
      `insert into reporting.member_spans (id, tenant_id, member_key, started_on, ended_on)
        values ${spans.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      spans.flatMap((s) => [uuidv7(), tenantId, memberKey, s.startedOn, s.endedOn]),
      'run',
    );
  }

  /**
   * Forgets the links of erasures older than `now` for one LERO: the facts kept under the random keys go
   * (their spans stay), and the tombstones keep only the former key, so later facts of those people change
   * nothing. One round trip, in the LERO's own transaction. Each erased member's turn first (`lockKey`): a late fact
   * being placed under the link meanwhile is written by then, or waits and finds it forgotten — never kept after.
   */
  async forgetErasureLinks(tenantId: TenantId, now: Date): Promise<number> {
    return this.db.transactInTenant(tenantId, async (tx) => {
      const [, , , forgotten] = await tx.run<[unknown[], unknown[], unknown[], { key: string }[]]>(
        [
          {
            sql: `select pg_advisory_xact_lock(hashtextextended('reporting/member/' || $1::text || '/' || key, 0))
              from (select key from reporting.erased_keys
                where tenant_id = $1 and kind = 'member' and linked_until <= $2 order by key) k`,
            params: [tenantId, now],
          },
          {
            sql: `delete from reporting.member_changes c using reporting.erased_keys e
              where e.tenant_id = $1 and e.linked_until <= $2 and e.kind = 'member'
                and c.tenant_id = e.tenant_id and c.member_key = e.replaced_by`,
            params: [tenantId, now],
          },
          // Hours entries keep counting, but no longer say whose they were (their entry ids are volunteering's).
          {
            sql: `update reporting.volunteer_hours h set member_key = null from reporting.erased_keys e
              where e.tenant_id = $1 and e.linked_until <= $2 and e.kind = 'member'
                and h.tenant_id = e.tenant_id and h.member_key = e.replaced_by`,
            params: [tenantId, now],
          },
          {
            sql: `update reporting.erased_keys set replaced_by = null, linked_until = null
              where tenant_id = $1 and linked_until <= $2 returning key`,
            params: [tenantId, now],
          },
        ],
        { commit: true },
      );
      return forgotten.length;
    });
  }

  /** Every LERO reporting has heard of (the directory has no row-level security). */
  async leroIds(): Promise<TenantId[]> {
    const rows = await this.db.em().execute<{ id: string }[]>(`select id from reporting.leros order by id`);
    return rows.map((r) => trustedTenantId(r.id));
  }

  async upsertRegion(em: EntityManager, id: string, name: string): Promise<void> {
    await em.execute(
      `insert into reporting.regions (id, name) values (?, ?)
        on conflict (id) do update set name = excluded.name, updated_at = now()`,
      [id, name],
      'run',
    );
  }

  /**
   * The LERO as the newest event says it is (by its time, then its id: one order whatever the arrival); when
   * it was onboarded is the earliest time any event of it gives, so it needs no particular event first.
   */
  async upsertLero(
    em: EntityManager,
    lero: {
      id: string;
      regionId: string;
      name: string;
      visibility: string;
      status: string;
      at: string;
      version: string;
    },
  ): Promise<void> {
    await em.execute(
      `insert into reporting.leros
          (id, region_id, name, visibility, status, onboarded_at, archived_at, updated_at, version)
        values (?, ?, ?, ?, ?, ?, case when ? = 'archived' then ?::timestamptz end, ?, ?)
        on conflict (id) do update set
          region_id = excluded.region_id, name = excluded.name, visibility = excluded.visibility,
          status = excluded.status,
          archived_at = case when excluded.status = 'archived'
            then coalesce(leros.archived_at, excluded.archived_at) end,
          updated_at = excluded.updated_at, version = excluded.version
        where (leros.updated_at, coalesce(leros.version, '00000000-0000-0000-0000-000000000000'))
          <= (excluded.updated_at, excluded.version)`,
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
        lero.version,
      ],
      'run',
    );
    await em.execute(
      `update reporting.leros set onboarded_at = ? where id = ? and onboarded_at > ?`,
      [lero.at, lero.id, lero.at],
      'run',
    );
  }
}
