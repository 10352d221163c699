import { uuidv7 } from 'uuidv7';
import {
  MembershipEvents,
  TenantsEvents,
  VolunteeringEvents,
  type HoursChangedEvent,
  type LeroImpactReport,
  type ReportCell,
} from '@hearth/contracts';
import { ReleaseService } from '../src/impact/release.service';
import { ErasureLinksService } from '../src/projections/erasure-links.service';
import { MemberKeys } from '../src/projections/member-key.util';
import {
  MEMBER_KEY_SECRET,
  actorOf,
  ctx,
  leroOf,
  startReportingService,
  tablesHolding,
  type ReportingHarness,
} from './reporting.harness';

const S: ReportCell = { suppressed: true };
const v = (value: number): ReportCell => ({ value });
const keys = new MemberKeys(MEMBER_KEY_SECRET);

/**
 * Volunteer hours and active volunteers from volunteering's hours events (ADR 0057), over real NATS and Postgres:
 * each entry counted as its highest version says, in any order and however often it arrives; unchanged by a
 * volunteer's erasure; in a LERO's own exact figures and, once released, under the commissioner report's
 * disclosure control.
 */
describe('reporting volunteer hours', () => {
  let h: ReportingHarness;
  const regionId = uuidv7();
  const [inOrder, shuffled, erasing, ash, birch, cedar, damson] = Array.from({ length: 7 }, () => uuidv7());
  const commissioner = actorOf({ role: 'commissioner', regionId });
  const entry = (
    tenantId: string,
    memberId: string,
    date: string,
    minutes: number,
    version = 1,
    entryId = uuidv7(),
  ): HoursChangedEvent => ({
    tenantId,
    entryId,
    memberId,
    roleId: uuidv7(),
    date,
    minutes,
    status: minutes > 0 ? 'approved' : 'withdrawn',
    version,
  });
  const send = (e: HoursChangedEvent, opts?: { id?: string; msgId?: string }) =>
    h.publish(
      e.status === 'approved' ? VolunteeringEvents.hoursApproved : VolunteeringEvents.hoursWithdrawn,
      e.tenantId,
      e,
      opts,
    );
  const own = (tenantId: string, period: 'month' | 'quarter', from: string, to: string, by?: 'category') =>
    h.client.leroImpact(ctx(actorOf({ role: 'coordinator', tenantId })), tenantId, {
      period,
      from,
      to,
      ...(by ? { by } : {}),
    });
  const totals = (r: LeroImpactReport, metric: 'volunteerHours' | 'activeVolunteers') =>
    Object.fromEntries(Object.entries(r.totals).map(([p, t]) => [p, t.values[metric]?.value]));
  const member = (tenantId: string, memberId: string, occurredAt: string) => ({
    tenantId,
    memberId,
    occurredAt,
    communityRoles: ['volunteer'],
  });

  beforeAll(async () => {
    h = await startReportingService();
    await h.publish(TenantsEvents.regionCreated, null, { regionId, name: 'North', slug: 'north' });
    for (const [id, name] of [
      [inOrder, 'InOrder'],
      [shuffled, 'Shuffled'],
      [erasing, 'Erasing'],
      [ash, 'Ash'],
      [birch, 'Birch'],
      [cedar, 'Cedar'],
      [damson, 'Damson'],
    ])
      await h.publish(TenantsEvents.tenantOnboarded, id, leroOf(regionId, id, name));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('counts each entry as its highest version says, in any order, once however often it arrives', async () => {
    const history = (tenantId: string, jo: string, sam: string) => {
      const [moved, adjusted, e3, e4, e5] = Array.from({ length: 5 }, () => uuidv7());
      return [
        // Approved on 31 January, adjusted and moved to 1 February, then withdrawn: counts nowhere.
        entry(tenantId, jo, '2026-01-31', 90, 1, moved),
        entry(tenantId, jo, '2026-02-01', 120, 2, moved),
        entry(tenantId, jo, '2026-02-01', 0, 3, moved),
        // Proposed at 150 minutes, adjusted down to 100.
        entry(tenantId, jo, '2026-01-10', 150, 1, adjusted),
        entry(tenantId, jo, '2026-01-10', 100, 2, adjusted),
        entry(tenantId, sam, '2026-01-20', 30, 1, e3),
        entry(tenantId, sam, '2026-02-28', 45, 1, e4),
        entry(tenantId, sam, '2026-03-01', 45, 1, e5),
      ];
    };
    for (const e of history(inOrder, uuidv7(), uuidv7())) await send(e);
    // The same history elsewhere, newest first, with repeats: the same event again (a relay's re-send) and the
    // same version under a new event id.
    const events = history(shuffled, uuidv7(), uuidv7()).reverse();
    for (const e of events) {
      const sent = await send(e);
      await send(e, { id: sent.id, msgId: `${sent.id}-again` });
      await send(e);
    }
    await send(events[events.length - 1]);
    await h.settled();

    for (const tenantId of [inOrder, shuffled]) {
      const months = await own(tenantId, 'month', '2026-01', '2026-03');
      // January 130 minutes → 2 hours; February 45 → 1; March 45 → 1. The withdrawn entry counts nowhere.
      expect(totals(months, 'volunteerHours')).toEqual({ '2026-01': 2, '2026-02': 1, '2026-03': 1 });
      expect(totals(months, 'activeVolunteers')).toEqual({ '2026-01': 2, '2026-02': 1, '2026-03': 1 });
      // A quarter is its months: hours add up, volunteers are counted once.
      const quarter = await own(tenantId, 'quarter', '2026-01', '2026-03');
      expect(totals(quarter, 'volunteerHours')).toEqual({ '2026-Q1': 4 });
      expect(totals(quarter, 'activeVolunteers')).toEqual({ '2026-Q1': 2 });
    }
    // Both hold the same rows: the effect of a set of facts, not of their order.
    const state = (tenantId: string) =>
      h.sql(
        `select day::text, metric, value::int from reporting.daily_counts where tenant_id = $1
          and metric = 'volunteerMinutes' and value <> 0 order by day`,
        [tenantId],
      );
    expect(await state(shuffled)).toEqual(await state(inOrder));
    expect(await state(inOrder)).toEqual([
      { day: '2026-01-10', metric: 'volunteerMinutes', value: 100 },
      { day: '2026-01-20', metric: 'volunteerMinutes', value: 30 },
      { day: '2026-02-28', metric: 'volunteerMinutes', value: 45 },
      { day: '2026-03-01', metric: 'volunteerMinutes', value: 45 },
    ]);
    // Volunteer figures are the LERO's, not a type of activity's.
    const byCategory = await own(inOrder, 'month', '2026-01', '2026-01', 'category');
    expect(byCategory.rows.some((r) => 'volunteerHours' in r.values)).toBe(false);
  });

  it('keeps hours and active volunteers unchanged after a volunteer’s erasure, whichever comes first', async () => {
    const [kim, lee, max] = [uuidv7(), uuidv7(), uuidv7()];
    const june = entry(erasing, kim, '2026-06-10', 180);
    await send(entry(erasing, kim, '2026-05-05', 240));
    await send(june);
    await send(entry(erasing, lee, '2026-05-06', 60));
    // Max's erasure arrives before his hours.
    await h.publish(MembershipEvents.memberErased, erasing, member(erasing, max, '2026-07-01T10:00:00Z'));
    await send(entry(erasing, max, '2026-06-11', 120));
    await h.settled();
    const before = await own(erasing, 'month', '2026-05', '2026-06');
    expect(totals(before, 'volunteerHours')).toEqual({ '2026-05': 5, '2026-06': 5 });
    expect(totals(before, 'activeVolunteers')).toEqual({ '2026-05': 2, '2026-06': 2 });

    await h.publish(MembershipEvents.memberErased, erasing, member(erasing, kim, '2026-06-20T10:00:00Z'));
    await h.settled();
    expect(await own(erasing, 'month', '2026-05', '2026-06')).toEqual(before);
    // Nothing is kept under Kim's or Max's own key: their rows moved to keys nothing links to them.
    for (const id of [kim, max]) {
      const key = keys.keyOf(erasing, id);
      expect(await h.sql(`select 1 from reporting.volunteer_hours where member_key = $1`, [key])).toEqual([]);
      expect(await h.sql(`select 1 from reporting.monthly_keys where key = $1`, [key])).toEqual([]);
    }
    // A later version of Kim's June entry, after her erasure, still counts under the erased rows' key.
    await send({ ...june, minutes: 240, version: 2 });
    await h.settled();
    const adjusted = await own(erasing, 'month', '2026-06', '2026-06');
    expect(totals(adjusted, 'volunteerHours')).toEqual({ '2026-06': 6 });
    expect(totals(adjusted, 'activeVolunteers')).toEqual({ '2026-06': 2 });

    // Once the erasures' links are forgotten, the entries say nobody's they were and the figures stay.
    const kept = await own(erasing, 'month', '2026-05', '2026-06');
    await h.app.get(ErasureLinksService).forgetExpired(new Date(Date.now() + 31 * 24 * 3600 * 1000));
    expect(await own(erasing, 'month', '2026-05', '2026-06')).toEqual(kept);
    expect(
      await h.sql(
        `select count(*)::int as n from reporting.volunteer_hours where tenant_id = $1 and member_key is null`,
        [erasing],
      ),
    ).toEqual([{ n: 3 }]);
    // A late version then moves hours but names no one.
    await send({ ...june, minutes: 300, version: 3 });
    await h.settled();
    expect(totals(await own(erasing, 'month', '2026-06', '2026-06'), 'volunteerHours')).toEqual({
      '2026-06': 7,
    });
  });

  it('stores no member id anywhere in the reporting schema', async () => {
    const memberId = uuidv7();
    await send(entry(inOrder, memberId, '2026-04-02', 60));
    await h.settled();
    expect(await tablesHolding(h, memberId)).toEqual([]);
  });

  it('shows a commissioner volunteer figures under disclosure control once the month is released', async () => {
    // October: Ash 10 volunteers × 4 h, Birch one volunteer's 3 h (small), Cedar 9 volunteers 22 h, Damson 8 × 2¼ h.
    const give = async (tenantId: string, volunteers: number, minutes: number) => {
      for (let i = 0; i < volunteers; i++) await send(entry(tenantId, uuidv7(), '2026-10-07', minutes));
    };
    await give(ash, 10, 240);
    await give(birch, 1, 180);
    await give(cedar, 8, 150);
    await give(cedar, 1, 120);
    await give(damson, 8, 135);
    await h.settled();
    h.clock.now = new Date('2026-11-08T00:00:01Z');
    await h.app.get(ReleaseService).sweep();
    h.clock.now = null;
    const query = { regionId, period: 'month' as const, from: '2026-10', to: '2026-10' };
    const byLero = await h.client.regionImpact(ctx(commissioner), { ...query, by: 'lero' });
    expect(byLero.metrics).toEqual(expect.arrayContaining(['volunteerHours', 'activeVolunteers']));
    const row = (id: string) => byLero.rows.find((r) => r.lero?.id === id)?.values;
    expect(row(ash)).toMatchObject({ volunteerHours: v(40), activeVolunteers: v(10) });
    // One volunteer's 3 hours: both suppressed.
    expect(row(birch)).toMatchObject({ volunteerHours: S, activeVolunteers: S });
    const published = [...byLero.rows.map((r) => r.values), byLero.totals['2026-10'].values].flatMap(
      (values) => [values.volunteerHours, values.activeVolunteers],
    );
    for (const c of published) {
      expect(c).toBeDefined();
      if (c && 'value' in c) expect(c.value === 0 || (c.value % 5 === 0 && c.value >= 10)).toBe(true);
    }
    // Birch's figure is not left the one unknown of the total: something else goes with it.
    const hidden = (m: 'volunteerHours' | 'activeVolunteers') =>
      [...byLero.rows.map((r) => r.values[m]), byLero.totals['2026-10'].values[m]].filter(
        (c) => c && 'suppressed' in c,
      );
    expect(hidden('volunteerHours').length).toBeGreaterThan(1);
    expect(hidden('activeVolunteers').length).toBeGreaterThan(1);
    // By category: volunteer figures belong to no type of activity.
    const byCategory = await h.client.regionImpact(ctx(commissioner), { ...query, by: 'category' });
    expect(byCategory.rows.some((r) => 'volunteerHours' in r.values || 'activeVolunteers' in r.values)).toBe(
      false,
    );
    // The LERO still sees its exact figures.
    const exact = await own(birch, 'month', '2026-10', '2026-10');
    expect(exact.totals['2026-10'].values).toMatchObject({
      volunteerHours: { value: 3 },
      activeVolunteers: { value: 1 },
    });
  });
});
