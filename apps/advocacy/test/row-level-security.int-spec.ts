import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { migrateAll } from '@hearth/persistence';
import { withClient, createTestDatabase, type TestDatabase, testTenantId } from '@hearth/testing';
import { ADVOCACY_SCHEMA, AdvocacyDatabase } from '../src/advocacy-database';

/** Every table of the advocacy schema owned by a LERO or a region: a table added in a migration joins this list. */
const TABLES = [
  'advocacy.consultations',
  'advocacy.respondents',
  'advocacy.pending_answers',
  'advocacy.answers',
  'advocacy.asks',
  'advocacy.ask_updates',
];
/** The tables only a LERO owns (the representation log, ADR 0069): no region's rows at all. */
const LERO_TABLES = ['advocacy.seats', 'advocacy.meetings', 'advocacy.meeting_asks'];

describe('row-level security on the advocacy schema', () => {
  let db: TestDatabase;
  let service: AdvocacyDatabase;
  const leroA = uuidv7();
  const leroB = uuidv7();
  const region = uuidv7();
  const otherRegion = uuidv7();

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([ADVOCACY_SCHEMA], db.ownerUrl, db.urlFor);
    await withClient(db.ownerUrl, async (owner) => {
      const owners: [string | null, string | null][] = [
        [leroA, null],
        [leroB, null],
        [null, region],
        [null, otherRegion],
      ];
      for (const [tenant, reg] of owners) {
        const id = uuidv7();
        await owner.query(
          `insert into advocacy.consultations (id, tenant_id, region_id, title, purpose, asked_by, use_of_answers,
             opens_at, closes_at, audience, questions) values ($1, $2, $3, 't', 'p', 'a', 'u', now(), now() + interval '1 day', 'members', '[]')`,
          [id, tenant, reg],
        );
        await owner.query(
          `insert into advocacy.respondents (consultation_id, tenant_id, region_id, hash) values ($1, $2, $3, '\\x01')`,
          [id, tenant, reg],
        );
        await owner.query(
          `insert into advocacy.pending_answers (consultation_id, tenant_id, region_id, answers, counted) values ($1, $2, $3, '{}', true)`,
          [id, tenant, reg],
        );
        await owner.query(
          `insert into advocacy.answers (id, consultation_id, tenant_id, region_id, answers) values (gen_random_uuid(), $1, $2, $3, '{}')`,
          [id, tenant, reg],
        );
        const askId = uuidv7();
        await owner.query(
          `insert into advocacy.asks (id, tenant_id, region_id, what, body_name, body_kind, source, raised_on)
             values ($1, $2, $3, 'w', 'b', 'council', 'members', current_date)`,
          [askId, tenant, reg],
        );
        await owner.query(
          `insert into advocacy.ask_updates (id, ask_id, tenant_id, region_id, status, on_date)
             values (gen_random_uuid(), $1, $2, $3, 'raised', current_date)`,
          [askId, tenant, reg],
        );
        if (!tenant) continue;
        const seatId = uuidv7();
        const meetingId = uuidv7();
        await owner.query(
          `insert into advocacy.seats (id, tenant_id, body_name, body_kind, role, since)
             values ($1, $2, 'b', 'other', 'member', current_date)`,
          [seatId, tenant],
        );
        await owner.query(
          `insert into advocacy.meetings (id, tenant_id, seat_id, body_name, body_kind, on_date, represented_by)
             values ($1, $2, $3, 'b', 'other', current_date, 'a volunteer')`,
          [meetingId, tenant, seatId],
        );
        await owner.query(
          `insert into advocacy.meeting_asks (meeting_id, ask_id, tenant_id) values ($1, $2, $3)`,
          [meetingId, askId, tenant],
        );
      }
    });
    service = await AdvocacyDatabase.connect(ADVOCACY_SCHEMA, { url: db.urlFor(ADVOCACY_SCHEMA.schema) });
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  const asServiceRole = <T>(fn: (c: Client) => Promise<T>) =>
    withClient(db.urlFor(ADVOCACY_SCHEMA.schema), fn);
  const read = (table: string, setting: string, id: string) =>
    asServiceRole(async (c) => {
      await c.query('begin');
      await c.query(`select set_config($1, $2, true)`, [setting, id]);
      const columns = LERO_TABLES.includes(table) ? 'tenant_id' : 'tenant_id, region_id';
      const { rows } = await c.query<{ tenant_id: string | null; region_id: string | null }>(
        `select ${columns} from ${table}`,
      );
      await c.query('commit');
      return rows;
    });

  it.each(TABLES)('returns only the set LERO’s rows of %s to a query without any filter', async (table) => {
    expect(await read(table, 'app.tenant_id', leroA)).toEqual([{ tenant_id: leroA, region_id: null }]);
  });

  it.each(TABLES)('returns only the set region’s rows of %s, none of its LEROs’', async (table) => {
    expect(await read(table, 'app.region_id', region)).toEqual([{ tenant_id: null, region_id: region }]);
  });

  it.each(TABLES)('returns nothing of %s when no LERO or region is set', async (table) => {
    const { rows } = await asServiceRole((c) => c.query(`select * from ${table}`));
    expect(rows).toHaveLength(0);
  });

  it.each(LERO_TABLES)(
    'returns only the set LERO’s rows of %s, and none to a region or nobody',
    async (table) => {
      const only = (rows: { tenant_id: string | null }[]) => rows.map((r) => r.tenant_id);
      expect(only(await read(table, 'app.tenant_id', leroB))).toEqual([leroB]);
      expect(await read(table, 'app.region_id', region)).toEqual([]);
      const { rows } = await asServiceRole((c) => c.query(`select * from ${table}`));
      expect(rows).toHaveLength(0);
      await asServiceRole(async (c) => {
        await c.query('begin');
        await c.query(`select set_config('app.tenant_id', $1, true)`, [leroB]);
        await expect(c.query(`update ${table} set tenant_id = $1`, [leroA])).rejects.toThrow(
          /row-level security/,
        );
        await c.query('rollback');
      });
    },
  );

  it('refuses to write a row into another LERO or region, or to move one there', async () => {
    await asServiceRole(async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
      await expect(
        c.query(
          `insert into advocacy.answers (id, consultation_id, tenant_id, answers) select gen_random_uuid(), id, $1, '{}' from advocacy.consultations`,
          [leroB],
        ),
      ).rejects.toThrow(/row-level security/);
      await c.query('rollback');
      await c.query('begin');
      await c.query(`select set_config('app.region_id', $1, true)`, [region]);
      await expect(
        c.query(`update advocacy.consultations set region_id = $1`, [otherRegion]),
      ).rejects.toThrow(/row-level security/);
      await c.query('rollback');
    });
  });

  it('keeps a region’s testimony themes and their pieces to the region, each piece its LERO’s too (ADR 0076)', async () => {
    const [leroTheme, regionTheme, otherTheme] = [uuidv7(), uuidv7(), uuidv7()];
    const piece = { leroA: uuidv7(), regionA: uuidv7(), regionB: uuidv7(), other: uuidv7() };
    await withClient(db.ownerUrl, async (owner) => {
      for (const [id, tenant, reg] of [
        [leroTheme, leroA, null],
        [regionTheme, null, region],
        [otherTheme, null, otherRegion],
      ])
        await owner.query(
          `insert into advocacy.themes (id, tenant_id, region_id, title, prompt, status) values ($1, $2, $3, 't', 'p', 'open')`,
          [id, tenant, reg],
        );
      // A piece keeps its contributor's LERO; one of a region's theme also carries the theme's region.
      for (const [id, theme, tenant, reg] of [
        [piece.leroA, leroTheme, leroA, null],
        [piece.regionA, regionTheme, leroA, region],
        [piece.regionB, regionTheme, leroB, region],
        [piece.other, otherTheme, leroB, otherRegion],
      ])
        await owner.query(
          `insert into advocacy.testimony_pieces (id, theme_id, tenant_id, region_id, member_id, counts, status, text, consented_at)
             values ($1, $2, $3, $4, gen_random_uuid(), true, 'submitted', 'x', now())`,
          [id, theme, tenant, reg],
        );
    });
    const seen = (settings: [string, string][], table: string) =>
      asServiceRole(async (c) => {
        await c.query('begin');
        for (const [setting, id] of settings) await c.query(`select set_config($1, $2, true)`, [setting, id]);
        const { rows } = await c.query<{ id: string }>(`select id from ${table} order by id`);
        await c.query('commit');
        return rows.map((r) => r.id);
      });
    const sorted = (...ids: string[]) => [...ids].sort();
    const lero = (id: string): [string, string] => ['app.tenant_id', id];
    const inRegion = (id: string): [string, string] => ['app.region_id', id];
    expect(await seen([lero(leroA)], 'advocacy.themes')).toEqual([leroTheme]);
    expect(await seen([lero(leroA)], 'advocacy.testimony_pieces')).toEqual(
      sorted(piece.leroA, piece.regionA),
    );
    expect(await seen([lero(leroB)], 'advocacy.themes')).toEqual([]);
    expect(await seen([inRegion(region)], 'advocacy.themes')).toEqual([regionTheme]);
    expect(await seen([inRegion(region)], 'advocacy.testimony_pieces')).toEqual(
      sorted(piece.regionA, piece.regionB),
    );
    expect(await seen([inRegion(otherRegion)], 'advocacy.testimony_pieces')).toEqual([piece.other]);
    expect(await seen([], 'advocacy.themes')).toEqual([]);
    expect(await seen([], 'advocacy.testimony_pieces')).toEqual([]);
    // A member's LERO with its region (contributing to the region's theme): both owners' rows, no other region's.
    expect(await seen([lero(leroA), inRegion(region)], 'advocacy.themes')).toEqual(
      sorted(leroTheme, regionTheme),
    );
    expect(await seen([lero(leroA), inRegion(region)], 'advocacy.testimony_pieces')).toEqual(
      sorted(piece.leroA, piece.regionA, piece.regionB),
    );
    await asServiceRole(async (c) => {
      // A LERO cannot write a piece into another region's theme, nor a region move its pieces to another region.
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [leroB]);
      await expect(
        c.query(
          `insert into advocacy.testimony_pieces (id, theme_id, tenant_id, region_id, member_id, counts, status, text, consented_at)
             values (gen_random_uuid(), $1, $2, $3, gen_random_uuid(), true, 'submitted', 'x', now())`,
          [otherTheme, leroA, otherRegion],
        ),
      ).rejects.toThrow(/row-level security/);
      await c.query('rollback');
      await c.query('begin');
      await c.query(`select set_config('app.region_id', $1, true)`, [region]);
      await expect(
        c.query(`update advocacy.testimony_pieces set region_id = $1`, [otherRegion]),
      ).rejects.toThrow(/row-level security/);
      await c.query('rollback');
      await c.query('begin');
      await c.query(`select set_config('app.region_id', $1, true)`, [region]);
      await expect(
        c.query(`update advocacy.themes set region_id = $1 where id = $2`, [otherRegion, regionTheme]),
      ).rejects.toThrow(/row-level security/);
      await c.query('rollback');
    });
  });

  it('keeps the one-round-trip read path to one LERO', async () => {
    const rows = await service.readInTenant<{ tenant_id: string }>(
      testTenantId(leroB),
      'select tenant_id from advocacy.consultations',
    );
    expect(rows.map((r) => r.tenant_id)).toEqual([leroB]);
  });

  it('forces it on every table but the plumbing (the closing queue: ids and a time, like the outbox)', async () => {
    await withClient(db.ownerUrl, async (owner) => {
      const { rows } = await owner.query<{ relname: string }>(
        `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'advocacy' and c.relkind = 'r' and not (c.relrowsecurity and c.relforcerowsecurity)
          order by c.relname`,
      );
      expect(rows.map((r) => r.relname)).toEqual([
        'closings',
        'dead_letter',
        'inbox',
        'mikro_orm_migrations',
        'outbox',
      ]);
    });
  });
});
