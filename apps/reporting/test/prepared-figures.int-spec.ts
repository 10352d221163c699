import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import type { DomainEvent, ReportPeriod } from '@hearth/contracts';
import type { DomainEventConsumer } from '@hearth/messaging';
import { migrateAll } from '@hearth/persistence';
import { createTestDatabase, historyOrder, memberHistory, type TestDatabase } from '@hearth/testing';
import { REPORTING_SCHEMA, ReportingDatabase } from '../src/reporting-database';
import { AggregatesRepository } from '../src/projections/aggregates.repository';
import { MemberKeys } from '../src/projections/member-key.util';
import { reportingConsumers } from '../src/projections/projection-consumers';
import { FiguresRepository, type PeriodFigures } from '../src/impact/figures.repository';
import { PreparedFigures } from '../src/impact/prepared-figures';
import { eventsHistory } from './events-history';

/**
 * A LERO's prepared figures (what its own report answers from, ADR 0089) are at every moment exactly what a
 * computation from scratch gives: a random history of sessions, check-ins and their removal, walk-ins,
 * erasures, joins and leaves is delivered in a random order with redeliveries, in batches, and after every
 * batch each range is read both ways — provisional periods (July 2026, its quarter, the year, as of 20 July)
 * and released ones (February to April, the first quarter). Prepared figures that a projected event did not
 * make stale would be served after the next batch, and differ.
 */
describe('prepared figures', () => {
  let db: TestDatabase;
  let rdb: ReportingDatabase;
  let consumers: DomainEventConsumer[];
  let figures: FiguresRepository;
  let prepared: PreparedFigures;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([REPORTING_SCHEMA], db.ownerUrl, db.urlFor);
    rdb = await ReportingDatabase.connect(REPORTING_SCHEMA, { url: db.urlFor(REPORTING_SCHEMA.schema) });
    consumers = reportingConsumers({
      db: rdb,
      aggregates: new AggregatesRepository(rdb),
      keys: new MemberKeys('reporting-prepared-spec-member-key-secret-0123456789'),
      options: {},
    });
    figures = new FiguresRepository(rdb);
    prepared = new PreparedFigures(figures);
  });

  afterAll(async () => {
    await rdb?.close();
    await db?.drop();
  });

  const consumerOf = (subject: string) =>
    consumers.find((c) => c.subjects.some((s) => subject.startsWith(s.replace('>', ''))))!;

  const RANGES: [ReportPeriod, string, string][] = [
    ['month', '2026-01-01', '2026-08-01'], // July provisional
    ['quarter', '2026-01-01', '2026-10-01'], // the third quarter provisional
    ['year', '2026-01-01', '2027-01-01'],
    ['month', '2026-02-01', '2026-05-01'], // released
    ['quarter', '2026-01-01', '2026-04-01'],
  ];
  const plain = (byPeriod: Map<string, PeriodFigures>) =>
    [...byPeriod.entries()]
      .map(([p, f]) => ({
        p,
        total: Object.fromEntries([...f.total].sort()),
        byCategory: Object.fromEntries(
          [...f.byCategory].sort().map(([c, m]) => [c, Object.fromEntries([...m].sort())]),
        ),
      }))
      .sort((a, b) => (a.p < b.p ? -1 : 1));

  async function preparedIsFresh(tenantId: string): Promise<void> {
    for (const [period, from, until] of RANGES) {
      const answer = plain(await prepared.ofLero(tenantId, period, from, until));
      const [scratch] = await figures.figuresOf([tenantId], period, from, until);
      expect([period, from, answer]).toEqual([period, from, plain(scratch)]);
    }
  }

  it('equal a fresh computation after every batch of any delivery order, redeliveries included', async () => {
    const history = fc
      .tuple(
        eventsHistory(['2026-02-27', '2026-03-31', '2026-04-01', '2026-07-01', '2026-07-15']),
        memberHistory(),
      )
      .map(([a, b]) => [...a, ...b]);
    await fc.assert(
      fc.asyncProperty(
        history.chain((h) => historyOrder(h).map((order) => ({ h, order }))),
        async ({ h, order }) => {
          const tenantId = uuidv7();
          const events: DomainEvent[] = h.map((f) => ({
            id: uuidv7(),
            subject: f.subject,
            occurredAt: f.at,
            tenantId,
            data: f.data(tenantId),
          }));
          const sequence = order.permutation.map((i) => events[i]);
          for (const [which, where] of order.redeliveries)
            sequence.splice(Math.min(where, sequence.length), 0, events[which]);
          await preparedIsFresh(tenantId);
          let batch = 0;
          for (let start = 0; start < sequence.length;) {
            const consumer = consumerOf(sequence[start].subject);
            const size = order.batches[batch++ % order.batches.length];
            let end = start + 1;
            while (
              end < sequence.length &&
              end - start < size &&
              consumerOf(sequence[end].subject) === consumer
            )
              end++;
            const outcomes = await consumer.processBatch(
              sequence.slice(start, end).map((event) => ({ event, attempt: 1 })),
            );
            expect(outcomes.filter((o) => o !== 'handled' && o !== 'duplicate')).toEqual([]);
            await preparedIsFresh(tenantId);
            start = end;
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});
