import fc from 'fast-check';
import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { EventsEvents, TenantsEvents, type ReportPeriod } from '@hearth/contracts';
import type { DomainEventConsumer } from '@hearth/messaging';
import { migrateAll } from '@hearth/persistence';
import {
  applyAll,
  createTestDatabase,
  forwardInstants,
  memberHistory,
  sameInAnyOrder as sameOrder,
  type Fact,
  type History,
  type TestDatabase,
} from '@hearth/testing';
import { REPORTING_SCHEMA, ReportingDatabase } from '../src/reporting-database';
import { AggregatesRepository } from '../src/projections/aggregates.repository';
import { MemberKeys } from '../src/projections/member-key.util';
import { reportingConsumers } from '../src/projections/projection-consumers';
import { FiguresRepository } from '../src/impact/figures.repository';
import { PARTICIPANTS, eventsHistory, participantKey } from './events-history';

/**
 * Every reporting projection gives the same aggregates whatever order its events arrive in. For a random history
 * of one LERO, one copy is applied in order, event by event; another copy, under a second LERO, is applied as
 * a random permutation with redeliveries, in random batches (as JetStream hands them over), through the same
 * consumers (inbox and all). The figures and the rows read back must be equal. Bounded to stay well under a
 * minute.
 */
describe('reporting projections in any order', () => {
  let db: TestDatabase;
  let rdb: ReportingDatabase;
  let owner: Client;
  let consumers: DomainEventConsumer[];
  let figures: FiguresRepository;
  const regionId = uuidv7();
  const keys = new MemberKeys('reporting-order-spec-member-key-secret-0123456789');

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([REPORTING_SCHEMA], db.ownerUrl, db.urlFor);
    rdb = await ReportingDatabase.connect(REPORTING_SCHEMA, { url: db.urlFor(REPORTING_SCHEMA.schema) });
    consumers = reportingConsumers({
      db: rdb,
      aggregates: new AggregatesRepository(rdb),
      keys,
      options: {},
    });
    figures = new FiguresRepository(rdb);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await rdb?.close();
    await db?.drop();
  });

  const consumerOf = (subject: string) =>
    consumers.find((c) => c.subjects.some((s) => subject.startsWith(s.replace('>', ''))))!;

  /**
   * Which of the history's participants were erased (their tombstones hold reporting's keyed hash of the key);
   * and, as it reads them, that no reporting row holds the key of any of them.
   */
  async function erasedParticipants(tenantId: string) {
    const tombstones = (
      await owner.query<{ key: string }>(
        `select key from reporting.erased_keys where tenant_id = $1 and kind = 'participant'`,
        [tenantId],
      )
    ).rows.map((r) => r.key);
    const erased = PARTICIPANTS.map(participantKey).filter((k) =>
      tombstones.includes(keys.erasedParticipantKey(tenantId, k)),
    );
    expect(erased).toHaveLength(tombstones.length);
    const tables = await owner.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'reporting'`,
    );
    for (const { table_name } of tables.rows) {
      const dump = await owner.query<{ t: string }>(`select t::text as t from reporting.${table_name} t`);
      // Every LERO of these histories has the same participant keys: only this LERO's rows count.
      const holding = dump.rows.filter((r) => r.t.includes(tenantId) && erased.some((k) => r.t.includes(k)));
      expect([table_name, holding]).toEqual([table_name, []]);
    }
    return erased;
  }

  /** What a LERO's projections hold, with the keys only reporting can make (member keys) left out. */
  async function stateOf(tenantId: string) {
    const rows = async (sql: string) => (await owner.query(sql, [tenantId])).rows;
    const grouped = (list: { key: string; v: string }[]) => {
      const byKey = new Map<string, string[]>();
      for (const r of list) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r.v]);
      return [...byKey.values()].map((v) => v.sort().join(' | ')).sort();
    };
    const read = async (period: ReportPeriod) => {
      const [byPeriod] = await figures.figuresOf([tenantId], period, '2026-01-01', '2028-01-01');
      return [...byPeriod.entries()].map(([p, f]) => ({
        p,
        total: Object.fromEntries(f.total),
        byCategory: Object.fromEntries([...f.byCategory].map(([c, m]) => [c, Object.fromEntries(m)])),
      }));
    };
    return {
      months: await read('month'),
      quarters: await read('quarter'),
      years: await read('year'),
      dailyCounts: await rows(
        `select day::text, metric, dimension, value::int from reporting.daily_counts
          where tenant_id = $1 order by 1, 2, 3`,
      ),
      // Participants' months under their own keys, and those of erased participants under random keys, by key.
      monthlyKeys: await rows(
        `select month::text, metric, dimension, key, refs from reporting.monthly_keys
          where tenant_id = $1 and key like 'participant-key-%' order by 1, 2, 3, 4`,
      ),
      erasedMonths: grouped(
        await rows(
          `select key, month::text || ' ' || metric || ' ' || dimension || ' ' || refs as v
            from reporting.monthly_keys where tenant_id = $1 and key not like 'participant-key-%'`,
        ),
      ),
      erasedParticipants: await erasedParticipants(tenantId),
      spans: grouped(
        await rows(
          `select member_key as key, started_on::text || '..' || coalesce(ended_on::text, '') as v
            from reporting.member_spans where tenant_id = $1`,
        ),
      ),
      changes: grouped(
        await rows(
          `select member_key as key, to_char(at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || ' ' || change
              || ' ' || day::text as v
            from reporting.member_changes where tenant_id = $1`,
        ),
      ),
      tombstones: (
        await rows(
          `select count(*)::int as n, count(replaced_by)::int as linked from reporting.erased_keys
            where tenant_id = $1`,
        )
      )[0],
      lero: (
        await rows(
          `select region_id, name, visibility, status, onboarded_at, archived_at, updated_at
            from reporting.leros where id = $1`,
        )
      )[0],
    };
  }

  const sameInAnyOrder = (history: fc.Arbitrary<History>, numRuns: number) =>
    sameOrder(history, { consumerOf, stateOf, numRuns });

  it('membership: joins, leaves, rejoins and erasures of several members', async () => {
    await sameInAnyOrder(memberHistory(), 60);
  });

  it('events: sessions held, check-ins and their removal, walk-ins and recounts, participants erased', async () => {
    await sameInAnyOrder(eventsHistory(), 60);
  });

  it('events: an erasure changes no figure, unique participants included', async () => {
    for (const history of fc.sample(eventsHistory(), 15)) {
      const [kept, erased] = [uuidv7(), uuidv7()];
      await applyAll(
        history.filter((f) => f.subject !== EventsEvents.participantErased),
        kept,
        consumerOf,
      );
      await applyAll(history, erased, consumerOf);
      const { months, quarters, years } = await stateOf(erased);
      expect({ months, quarters, years }).toEqual(
        await stateOf(kept).then(({ months, quarters, years }) => ({ months, quarters, years })),
      );
    }
  });

  it('tenants: a LERO onboarded, changed, suspended, activated and archived', async () => {
    await sameInAnyOrder(tenantsHistory(regionId), 100);
  });
});

function tenantsHistory(regionId: string): fc.Arbitrary<History> {
  const change = fc.constantFrom('updated', 'suspended', 'activated');
  return fc
    .record({
      changes: fc.array(
        fc.record({
          change,
          name: fc.constantFrom('Phoenix', 'Phoenix Recovery', 'Ember'),
          hidden: fc.boolean(),
        }),
        { maxLength: 5 },
      ),
      archived: fc.boolean(),
    })
    .chain(({ changes, archived }) =>
      forwardInstants(1 + changes.length + (archived ? 1 : 0)).map((times) => {
        const lero =
          (status: string, name = 'Phoenix', hidden = false) =>
          (tenantId: string) => ({
            tenantId,
            regionId,
            name,
            slug: 'phoenix',
            status,
            reportingVisibility: hidden ? 'regional-total-only' : 'per-lero',
          });
        let status = 'onboarding';
        const facts: Fact[] = [
          { subject: TenantsEvents.tenantOnboarded, at: times[0], data: lero('onboarding') },
        ];
        changes.forEach((c, i) => {
          if (c.change === 'suspended') status = 'suspended';
          if (c.change === 'activated') status = 'active';
          const subject = {
            updated: TenantsEvents.tenantUpdated,
            suspended: TenantsEvents.tenantSuspended,
            activated: TenantsEvents.tenantActivated,
          }[c.change];
          facts.push({ subject, at: times[i + 1], data: lero(status, c.name, c.hidden) });
        });
        if (archived)
          facts.push({ subject: TenantsEvents.tenantArchived, at: times.at(-1)!, data: lero('archived') });
        return facts;
      }),
    );
}
