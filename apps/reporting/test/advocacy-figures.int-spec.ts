import { uuidv7 } from 'uuidv7';
import {
  AdvocacyEvents,
  EVENT_CONSUMERS,
  type AskChangedEvent,
  type AskStatus,
  type LeroImpactReport,
  type MeetingChangedEvent,
  type ReportCell,
} from '@hearth/contracts';
import { ReleaseService } from '../src/impact/release.service';
import { ReportingDatabase } from '../src/reporting-database';
import { AggregatesRepository } from '../src/projections/aggregates.repository';
import { MemberKeys } from '../src/projections/member-key.util';
import { reportingConsumers } from '../src/projections/projection-consumers';
import {
  actorOf,
  ctx,
  regionWithLeros,
  startReportingService,
  type ReportingHarness,
} from './reporting.harness';

const S: ReportCell = { suppressed: true };
const v = (value: number): ReportCell => ({ value });
type Metric = 'meetingsAttended' | 'asksRaised' | 'asksResolved';
const METRICS: Metric[] = ['meetingsAttended', 'asksRaised', 'asksResolved'];

/**
 * Meetings attended and asks raised and resolved from advocacy's events (ADR 0069), over real NATS and Postgres:
 * each meeting counted as its highest version says and each ask once raised and once resolved, in any order and
 * however often an event arrives; in a LERO's own exact figures and, once released, under the commissioner report's
 * disclosure control.
 */
describe('reporting advocacy figures', () => {
  let h: ReportingHarness;
  const regionId = uuidv7();
  const [inOrder, shuffled, ash, birch, cedar, damson] = Array.from({ length: 6 }, () => uuidv7());
  const commissioner = actorOf({ role: 'commissioner', regionId });
  const meeting = (tenantId: string, date: string, version = 1, meetingId = uuidv7(), removed = false) => ({
    subject: removed ? AdvocacyEvents.meetingRemoved : AdvocacyEvents.meetingLogged,
    data: { tenantId, meetingId, date, version } satisfies MeetingChangedEvent,
  });
  const ask = (tenantId: string | null, askId: string, status: AskStatus, date: string) => ({
    subject: status === 'raised' ? AdvocacyEvents.askRaised : AdvocacyEvents.askUpdated,
    data: { tenantId, regionId: tenantId ? null : regionId, askId, status, date } satisfies AskChangedEvent,
  });
  type Fact = ReturnType<typeof meeting> | ReturnType<typeof ask>;
  const send = (f: Fact, opts?: { id?: string; msgId?: string }) =>
    h.publish(f.subject, f.data.tenantId, f.data, opts);
  const own = (tenantId: string, period: 'month' | 'quarter', from: string, to: string) =>
    h.client.leroImpact(ctx(actorOf({ role: 'coordinator', tenantId })), tenantId, { period, from, to });
  const totals = (r: LeroImpactReport, metric: Metric) =>
    Object.fromEntries(Object.entries(r.totals).map(([p, t]) => [p, t.values[metric]?.value]));

  beforeAll(async () => {
    h = await startReportingService();
    await regionWithLeros(h, regionId, [
      [inOrder, 'InOrder'],
      [shuffled, 'Shuffled'],
      [ash, 'Ash'],
      [birch, 'Birch'],
      [cedar, 'Cedar'],
      [damson, 'Damson'],
    ]);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('counts meetings as their newest version says and asks once raised and once resolved, in any order', async () => {
    const history = (tenantId: string): Fact[] => {
      const [moved, removed, kept, a1, a2, a3, a4] = Array.from({ length: 7 }, () => uuidv7());
      return [
        // Logged on 31 January, moved to 1 February: February's.
        meeting(tenantId, '2026-01-31', 1, moved),
        meeting(tenantId, '2026-02-01', 2, moved),
        // Logged, then removed: counts nowhere.
        meeting(tenantId, '2026-01-12', 1, removed),
        meeting(tenantId, '2026-01-12', 2, removed, true),
        meeting(tenantId, '2026-01-20', 1, kept),
        // Raised in January, partly done in February, then done in March: resolved once, in February.
        ask(tenantId, a1, 'raised', '2026-01-05'),
        ask(tenantId, a1, 'acknowledged', '2026-01-09'),
        ask(tenantId, a1, 'partly-done', '2026-02-10'),
        ask(tenantId, a1, 'done', '2026-03-02'),
        // Declined: raised, never resolved.
        ask(tenantId, a2, 'raised', '2026-01-06'),
        ask(tenantId, a2, 'declined', '2026-02-11'),
        // Raised and done in March.
        ask(tenantId, a3, 'raised', '2026-03-03'),
        ask(tenantId, a3, 'done', '2026-03-04'),
        // Still in progress.
        ask(tenantId, a4, 'raised', '2026-02-20'),
        ask(tenantId, a4, 'in-progress', '2026-02-21'),
      ];
    };
    for (const f of history(inOrder)) await send(f);
    // The same history elsewhere, newest first, with repeats: the same event again and under a new event id.
    const facts = history(shuffled).reverse();
    for (const f of facts) {
      const sent = await send(f);
      await send(f, { id: sent.id, msgId: `${sent.id}-again` });
      await send(f);
    }
    // A region's own ask is no LERO's figure.
    await send(ask(null, uuidv7(), 'raised', '2026-01-07'));
    await h.settled();

    for (const tenantId of [inOrder, shuffled]) {
      const months = await own(tenantId, 'month', '2026-01', '2026-03');
      expect(totals(months, 'meetingsAttended')).toEqual({ '2026-01': 1, '2026-02': 1, '2026-03': 0 });
      expect(totals(months, 'asksRaised')).toEqual({ '2026-01': 2, '2026-02': 1, '2026-03': 1 });
      expect(totals(months, 'asksResolved')).toEqual({ '2026-01': 0, '2026-02': 1, '2026-03': 1 });
      const quarter = await own(tenantId, 'quarter', '2026-01', '2026-03');
      expect(totals(quarter, 'meetingsAttended')).toEqual({ '2026-Q1': 2 });
      expect(totals(quarter, 'asksRaised')).toEqual({ '2026-Q1': 4 });
      expect(totals(quarter, 'asksResolved')).toEqual({ '2026-Q1': 2 });
    }
    const state = (tenantId: string) =>
      h.sql(
        `select day::text, metric, value::int from reporting.daily_counts where tenant_id = $1
          and metric in ('meetingsAttended', 'asksRaised', 'asksResolved') and value <> 0 order by day, metric`,
        [tenantId],
      );
    expect(await state(shuffled)).toEqual(await state(inOrder));
  });

  it('counts a meeting and an ask once when their first two events are handled at the same time (one at a time)', async () => {
    // Two replicas can take two events of one meeting (or ask) at once. Neither finds the other's uncommitted row to
    // lock: each counted the meeting on its own day, and an ask's row lost a date that a later update counted again.
    const [advocacy] = reportingConsumers({
      db: h.app.get(ReportingDatabase),
      aggregates: h.app.get(AggregatesRepository),
      keys: h.app.get(MemberKeys),
      options: {},
    }).filter((c) => c.name === EVENT_CONSUMERS.reportingAdvocacy.durable);
    const tenantId = uuidv7();
    const handle = (f: Fact) =>
      advocacy.process(
        { id: uuidv7(), subject: f.subject, occurredAt: new Date().toISOString(), tenantId, data: f.data },
        1,
      );
    const ids = Array.from({ length: 12 }, () => [uuidv7(), uuidv7()]);
    const outcomes = await Promise.all(
      ids.flatMap(([meetingId, askId]) => [
        handle(meeting(tenantId, '2026-05-04', 1, meetingId)),
        handle(meeting(tenantId, '2026-05-05', 2, meetingId)),
        handle(ask(tenantId, askId, 'raised', '2026-05-04')),
        handle(ask(tenantId, askId, 'done', '2026-05-06')),
      ]),
    );
    expect(new Set(outcomes)).toEqual(new Set(['handled']));
    for (const [, askId] of ids)
      expect(await handle(ask(tenantId, askId, 'done', '2026-05-08'))).toBe('handled');
    expect(
      await h.sql(
        `select day::text, metric, value::int from reporting.daily_counts where tenant_id = $1 and value <> 0
          order by day, metric`,
        [tenantId],
      ),
    ).toEqual([
      { day: '2026-05-04', metric: 'asksRaised', value: 12 },
      { day: '2026-05-05', metric: 'meetingsAttended', value: 12 },
      { day: '2026-05-06', metric: 'asksResolved', value: 12 },
    ]);
  });

  it('shows a commissioner advocacy figures under disclosure control once the month is released', async () => {
    // August: Ash 12 meetings and 10 asks raised, all done; Birch one meeting, one ask; Cedar 9 and 9; Damson 8 and 8.
    const give = async (tenantId: string, n: number) => {
      for (let i = 0; i < n; i++) {
        const id = uuidv7();
        await send(meeting(tenantId, '2026-08-06'));
        await send(ask(tenantId, id, 'raised', '2026-08-03'));
        await send(ask(tenantId, id, 'done', '2026-08-20'));
      }
    };
    await give(ash, 12);
    await give(birch, 1);
    await give(cedar, 9);
    await give(damson, 8);
    await h.settled();
    h.clock.now = new Date('2026-09-08T00:00:01Z');
    await h.app.get(ReleaseService).sweep();
    h.clock.now = null;
    const query = { regionId, period: 'month' as const, from: '2026-08', to: '2026-08' };
    const byLero = await h.client.regionImpact(ctx(commissioner), { ...query, by: 'lero' });
    expect(byLero.metrics).toEqual(expect.arrayContaining(METRICS));
    const row = (id: string) => byLero.rows.find((r) => r.lero?.id === id)?.values;
    expect(row(ash)).toMatchObject({ meetingsAttended: v(10), asksRaised: v(10), asksResolved: v(10) });
    expect(row(birch)).toMatchObject({ meetingsAttended: S, asksRaised: S, asksResolved: S });
    const published = [...byLero.rows.map((r) => r.values), byLero.totals['2026-08'].values].flatMap(
      (values) => METRICS.map((m) => values[m]),
    );
    for (const c of published) {
      expect(c).toBeDefined();
      if (c && 'value' in c) expect(c.value === 0 || (c.value % 5 === 0 && c.value >= 10)).toBe(true);
    }
    for (const m of METRICS) {
      const hidden = [...byLero.rows.map((r) => r.values[m]), byLero.totals['2026-08'].values[m]].filter(
        (c) => c && 'suppressed' in c,
      );
      expect(hidden.length).toBeGreaterThan(1);
    }
    const byCategory = await h.client.regionImpact(ctx(commissioner), { ...query, by: 'category' });
    expect(byCategory.rows.some((r) => METRICS.some((m) => m in r.values))).toBe(false);
    // The LERO still sees its exact figures.
    expect((await own(birch, 'month', '2026-08', '2026-08')).totals['2026-08'].values).toMatchObject({
      meetingsAttended: v(1),
      asksRaised: v(1),
      asksResolved: v(1),
    });
  });
});
