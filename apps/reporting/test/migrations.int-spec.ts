import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { MembershipEvents } from '@hearth/contracts';
import { migrateAll } from '@hearth/persistence';
import { createTestDatabase, type TestDatabase } from '@hearth/testing';
import { REPORTING_SCHEMA, ReportingDatabase } from '../src/reporting-database';
import { AggregatesRepository } from '../src/projections/aggregates.repository';
import { MemberKeys } from '../src/projections/member-key.util';
import { spansOf, type MemberChangeKind } from '../src/projections/member-spans.util';
import { reportingConsumers } from '../src/projections/projection-consumers';

/** Migrations that change data already there: run against a database written by the ones before them. */
describe('reporting migrations', () => {
  let db: TestDatabase;
  let owner: Client;
  const keys = new MemberKeys('reporting-migration-spec-member-key-secret-012345');

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = new Client({ connectionString: db.ownerUrl });
  });

  afterAll(async () => {
    await owner?.end();
    await db?.drop();
  });

  it('turns the spans kept before into the facts they stand for, so later facts extend them', async () => {
    const [init] = REPORTING_SCHEMA.migrations;
    await migrateAll([{ ...REPORTING_SCHEMA, migrations: [init] }], db.ownerUrl, db.urlFor);
    await owner.connect();
    const tenantId = uuidv7();
    const jo = uuidv7();
    const joKey = keys.keyOf(tenantId, jo);
    const legacy: Record<string, [string, string | null][]> = {
      // Jo left and came back the same day; still a member.
      [joKey]: [
        ['2026-01-10', '2026-02-05'],
        ['2026-02-05', null],
      ],
      'key-of-a-one-day-member': [['2026-03-03', '2026-03-03']],
      'erased:0190a9d4-0000-7000-8000-000000000000': [
        ['2026-01-01', '2026-02-01'],
        ['2026-03-01', '2026-04-01'],
      ],
    };
    for (const [key, spans] of Object.entries(legacy))
      for (const [startedOn, endedOn] of spans)
        await owner.query(
          `insert into reporting.member_spans (id, tenant_id, member_key, started_on, ended_on)
            values ($1, $2, $3, $4, $5)`,
          [uuidv7(), tenantId, key, startedOn, endedOn],
        );

    await migrateAll([REPORTING_SCHEMA], db.ownerUrl, db.urlFor);

    const { rows } = await owner.query<{ key: string; change: MemberChangeKind; at: Date; day: string }>(
      `select member_key as key, change, at, day::text from reporting.member_changes where tenant_id = $1`,
      [tenantId],
    );
    for (const [key, spans] of Object.entries(legacy))
      expect([key, spansOf(rows.filter((r) => r.key === key))]).toEqual([
        key,
        spans.map(([startedOn, endedOn]) => ({ startedOn, endedOn })),
      ]);
    expect(rows.filter((r) => r.change === 'joined')).toHaveLength(3);

    // Jo leaves in June: the open span ends then, the earlier one stays as it was.
    const rdb = await ReportingDatabase.connect(REPORTING_SCHEMA, {
      url: db.urlFor(REPORTING_SCHEMA.schema),
    });
    try {
      const [, membership] = reportingConsumers({
        db: rdb,
        aggregates: new AggregatesRepository(rdb),
        keys,
        options: {},
      });
      const occurredAt = '2026-06-01T10:00:00.000Z';
      const left = {
        id: uuidv7(),
        subject: MembershipEvents.memberLeft,
        occurredAt,
        tenantId,
        data: { tenantId, memberId: jo, occurredAt, communityRoles: [] },
      };
      expect(await membership.process(left, 1)).toBe('handled');
    } finally {
      await rdb.close();
    }
    const spans = await owner.query(
      `select started_on::text, ended_on::text from reporting.member_spans where member_key = $1 order by 1, 2`,
      [joKey],
    );
    expect(spans.rows).toEqual([
      { started_on: '2026-01-10', ended_on: '2026-02-05' },
      { started_on: '2026-02-05', ended_on: '2026-06-01' },
    ]);
  });
});
