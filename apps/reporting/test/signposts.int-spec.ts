import { randomUUID } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import {
  DirectoryEvents,
  SIGNPOST_OTHER_CATEGORY,
  TenantsEvents,
  reportCategoryName,
  type LeroImpactReport,
  type ReportCell,
  type SignpostRecordedEvent,
} from '@hearth/contracts';
import { ReleaseService } from '../src/impact/release.service';
import { actorOf, ctx, leroOf, startReportingService, type ReportingHarness } from './reporting.harness';

const HOUSING = '54045500-b17c-44ff-b6c5-50e4980e085a';
const DEBT = '866b68c7-f907-4b10-8573-532dd84ffa5b';
const FOOD = '88030165-3f75-4e3e-9577-92e1e5d27e57';
const BENEFITS = 'f44bf670-2075-4eab-933a-bc89817756b6';
const S: ReportCell = { suppressed: true };
const v = (value: number): ReportCell => ({ value });

/**
 * Signposts from the directory's events, over real NATS and Postgres: counted once each by their id, in any
 * order, in a LERO's own exact figures and, once released, in the commissioner's report under the same
 * disclosure control as attendance.
 */
describe('reporting signposts', () => {
  let h: ReportingHarness;
  const regionId = uuidv7();
  const [phoenix, lantern, late, ash, birch] = [uuidv7(), uuidv7(), uuidv7(), uuidv7(), uuidv7()];
  const commissioner = actorOf({ role: 'commissioner', regionId });
  const lero = (tenantId: string, name: string) => leroOf(regionId, tenantId, name);
  const signpost = (tenantId: string, date: string, category: string): SignpostRecordedEvent => ({
    tenantId,
    signpostId: randomUUID(),
    date,
    taxonomyTermId: category === SIGNPOST_OTHER_CATEGORY ? uuidv7() : category,
    category,
  });
  /** `n` signposts of one LERO, one day, one category. */
  const many = async (tenantId: string, n: number, date: string, category: string) => {
    for (let i = 0; i < n; i++)
      await h.publish(DirectoryEvents.signpostRecorded, tenantId, signpost(tenantId, date, category));
  };
  const own = (tenantId: string, by?: 'category', month = '2026-10') =>
    h.client.leroImpact(ctx(actorOf({ role: 'coordinator', tenantId })), tenantId, {
      period: 'month',
      from: month,
      to: month,
      ...(by ? { by } : {}),
    });
  const byCategory = (r: LeroImpactReport) =>
    r.rows.map((row) => [row.category, row.values.signposts?.value ?? null]);

  beforeAll(async () => {
    h = await startReportingService();
    await h.publish(TenantsEvents.regionCreated, null, { regionId, name: 'North', slug: 'north' });
    await h.publish(TenantsEvents.tenantOnboarded, phoenix, lero(phoenix, 'Phoenix'));
    await h.publish(TenantsEvents.tenantOnboarded, lantern, lero(lantern, 'Lantern'));
    await h.publish(TenantsEvents.tenantOnboarded, ash, lero(ash, 'Ash'));
    await h.publish(TenantsEvents.tenantOnboarded, birch, lero(birch, 'Birch'));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('counts each signpost once on its day under its category, however often it arrives', async () => {
    await many(phoenix, 12, '2026-10-05', HOUSING);
    await many(phoenix, 3, '2026-10-20', DEBT);
    // The same event twice (a relay's re-send after the dedup window), and the same signpost under a new event id.
    const again = signpost(phoenix, '2026-10-21', DEBT);
    const sent = await h.publish(DirectoryEvents.signpostRecorded, phoenix, again);
    await h.publish(DirectoryEvents.signpostRecorded, phoenix, again, {
      id: sent.id,
      msgId: `${sent.id}-again`,
    });
    await h.publish(DirectoryEvents.signpostRecorded, phoenix, again);
    await h.settled();
    const exact = await own(phoenix, 'category');
    expect(exact.totals['2026-10'].values.signposts).toEqual({ value: 16 });
    expect(byCategory(exact)).toEqual([
      [HOUSING, 12],
      [DEBT, 4],
    ]);
    // A signpost category counts signposts and nothing else; the LERO's own figures are exact.
    expect(Object.keys(exact.rows[0].values)).toEqual(['signposts']);
    expect(exact.rows.map((r) => reportCategoryName(r.category!))).toEqual([
      'Signposted: Housing',
      'Signposted: Debt and money',
    ]);
    expect(
      await h.sql(`select * from reporting.counted_signposts where signpost_id = $1`, [again.signpostId]),
    ).toHaveLength(1);
  });

  it('counts signposts whatever order they arrive in, before their LERO is known too', async () => {
    const events = [
      signpost(late, '2026-09-30', FOOD),
      signpost(late, '2026-09-01', SIGNPOST_OTHER_CATEGORY),
      signpost(late, '2026-08-31', FOOD),
    ];
    for (const e of [...events].reverse()) await h.publish(DirectoryEvents.signpostRecorded, late, e);
    await h.publish(TenantsEvents.tenantOnboarded, late, lero(late, 'Late'));
    await h.publish(DirectoryEvents.signpostRecorded, late, events[0]);
    await h.settled();
    const exact = await own(late, 'category', '2026-09');
    expect(byCategory(exact)).toEqual([
      [FOOD, 1],
      [SIGNPOST_OTHER_CATEGORY, 1],
    ]);
    expect(exact.rows.map((r) => reportCategoryName(r.category!))).toContain('Signposted: Something else');
    const august = await own(late, undefined, '2026-08');
    expect(august.totals['2026-08'].values.signposts).toEqual({ value: 1 });
  });

  it('shows a commissioner signposting by category under disclosure control once the month is released', async () => {
    // October, four LEROs: housing 30 + 25 + 20 + 20, debt 20 + 20 + 15 + 15, benefits 20 + 15 + 15 + 15;
    // food 3, of one LERO, is small.
    await many(phoenix, 18, '2026-10-06', HOUSING);
    await many(phoenix, 16, '2026-10-07', DEBT);
    await many(phoenix, 20, '2026-10-08', BENEFITS);
    await many(lantern, 25, '2026-10-12', HOUSING);
    await many(lantern, 20, '2026-10-13', DEBT);
    await many(lantern, 15, '2026-10-14', BENEFITS);
    await many(lantern, 3, '2026-10-15', FOOD);
    for (const other of [ash, birch]) {
      await many(other, 20, '2026-10-20', HOUSING);
      await many(other, 15, '2026-10-21', DEBT);
      await many(other, 15, '2026-10-22', BENEFITS);
    }
    await h.settled();
    h.clock.now = new Date('2026-11-08T00:00:01Z');
    await h.app.get(ReleaseService).sweep();
    h.clock.now = null;
    const query = { regionId, period: 'month' as const, from: '2026-10', to: '2026-10' };
    const cats = await h.client.regionImpact(ctx(commissioner), { ...query, by: 'category' });
    expect(cats.metrics).toContain('signposts');
    const cell = (c: string) => cats.rows.find((r) => r.category === c)?.values;
    // Under the threshold of 8: suppressed, however many LEROs gave them.
    expect(cell(FOOD)).toEqual({ signposts: S });
    // The largest stands, rounded to 5 (others may go too, so that the small one cannot be worked out).
    expect(cell(HOUSING)).toEqual({ signposts: v(95) });
    expect(cats.totals['2026-10'].values.signposts).toEqual(v(235));
    // Types of activity count no signposts; signpost categories nothing else, in Hearth's order.
    expect(cell('walking')).not.toHaveProperty('signposts');
    const signpostRows = cats.rows.filter((r) => r.values.signposts !== undefined);
    expect(signpostRows.map((r) => r.category)).toEqual([HOUSING, DEBT, BENEFITS, FOOD]);
    expect(signpostRows.every((r) => Object.keys(r.values).length === 1)).toBe(true);
    const published = [
      ...cats.rows.map((r) => r.values.signposts),
      cats.totals['2026-10'].values.signposts,
    ].filter((c): c is ReportCell => c !== undefined);
    for (const c of published)
      if ('value' in c) expect(c.value === 0 || (c.value % 5 === 0 && c.value >= 10)).toBe(true);
    // By LERO, rounded the same way.
    const leros = await h.client.regionImpact(ctx(commissioner), { ...query, by: 'lero' });
    expect(leros.rows.find((r) => r.lero?.id === phoenix)?.values.signposts).toEqual(v(70));
    // The LERO still sees its exact figures.
    expect((await own(phoenix)).totals['2026-10'].values.signposts).toEqual({ value: 70 });
  });
});
