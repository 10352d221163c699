import { uuidv7 } from 'uuidv7';
import {
  EventsEvents,
  MembershipEvents,
  TenantsEvents,
  type LeroImpactReport,
  type TenantChangedEvent,
} from '@hearth/contracts';
import { eventually, testTenantId, waitingOnLocks, withClient } from '@hearth/testing';
import { ReleaseService } from '../src/impact/release.service';
import { AggregatesRepository } from '../src/projections/aggregates.repository';
import { ErasureLinksService } from '../src/projections/erasure-links.service';
import { MemberKeys } from '../src/projections/member-key.util';
import {
  MEMBER_KEY_SECRET,
  actorOf,
  ctx,
  startReportingService,
  tablesHolding,
  type ReportingHarness,
} from './reporting.harness';

/** Projections from domain events as the other services publish them, over real NATS and Postgres. */
describe('reporting projections', () => {
  let h: ReportingHarness;
  const regionId = uuidv7();
  const tenantId = uuidv7();
  const admin = actorOf({ role: 'tenant-admin', tenantId, regionId });
  const commissioner = actorOf({ role: 'commissioner', regionId });

  const member = (memberId: string, occurredAt: string) => ({
    tenantId,
    memberId,
    occurredAt,
    communityRoles: [],
  });
  const attendance = (sessionDate: string, category: string, participantKey: string) => ({
    tenantId,
    sessionId: uuidv7(),
    activityId: uuidv7(),
    category,
    sessionDate,
    startsAt: `${sessionDate}T10:00:00.000Z`,
    participantKey,
    attended: 1,
    walkIns: 0,
    total: 1,
  });
  const own = async (period: 'month' | 'quarter', from: string, to: string, by?: 'category') =>
    h.client.leroImpact(ctx(admin), tenantId, { period, from, to, ...(by ? { by } : {}) });
  const totals = (r: LeroImpactReport, metric: string) =>
    Object.fromEntries(
      Object.entries(r.totals).map(([p, t]) => [
        p,
        (t.values as Record<string, { value: number }>)[metric].value,
      ]),
    );

  beforeAll(async () => {
    h = await startReportingService();
    await h.publish(TenantsEvents.regionCreated, null, { regionId, name: 'North', slug: 'north' });
    const lero: TenantChangedEvent = {
      tenantId,
      regionId,
      name: 'Phoenix',
      slug: 'phoenix',
      status: 'active',
      reportingVisibility: 'per-lero',
    };
    await h.publish(TenantsEvents.tenantOnboarded, tenantId, lero);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('counts a member active in every period they were a member at any point, once, and keeps counting them after erasure', async () => {
    const jo = uuidv7();
    const sam = uuidv7();
    await h.publish(MembershipEvents.memberJoined, tenantId, member(jo, '2026-01-10T10:00:00Z'));
    await h.publish(MembershipEvents.memberJoined, tenantId, member(sam, '2026-02-03T10:00:00Z'));
    // Jo leaves and comes back within February: still one person.
    await h.publish(MembershipEvents.memberLeft, tenantId, member(jo, '2026-02-05T10:00:00Z'));
    await h.publish(MembershipEvents.memberRejoined, tenantId, member(jo, '2026-02-20T10:00:00Z'));
    await h.publish(MembershipEvents.memberLeft, tenantId, member(sam, '2026-03-01T09:00:00Z'));
    await h.settled();
    const before = await own('month', '2026-01', '2026-05');
    expect(totals(before, 'activeMembers')).toEqual({
      '2026-01': 1,
      '2026-02': 2,
      '2026-03': 2,
      '2026-04': 1,
      '2026-05': 1,
    });
    expect(totals(before, 'newMembers')).toEqual({
      '2026-01': 1,
      '2026-02': 1,
      '2026-03': 0,
      '2026-04': 0,
      '2026-05': 0,
    });
    expect(totals(await own('quarter', '2026-01', '2026-06'), 'activeMembers')).toEqual({
      '2026-Q1': 2,
      '2026-Q2': 1,
    });

    // Jo is erased in April: counted up to then, not after; nothing already counted changes.
    await h.publish(MembershipEvents.memberErased, tenantId, member(jo, '2026-04-15T10:00:00Z'));
    await h.settled();
    const after = await own('month', '2026-01', '2026-05');
    expect(totals(after, 'activeMembers')).toEqual({
      '2026-01': 1,
      '2026-02': 2,
      '2026-03': 2,
      '2026-04': 1,
      '2026-05': 0,
    });
    expect(totals(after, 'newMembers')).toEqual(totals(before, 'newMembers'));
  });

  it('counts a member right whatever order their events arrive in: a leave before its join, an erasure first', async () => {
    const ann = uuidv7();
    const bo = uuidv7();
    // Ann left in August after joining in June; the leave arrives first.
    await h.publish(MembershipEvents.memberLeft, tenantId, member(ann, '2026-08-10T10:00:00Z'));
    await h.publish(MembershipEvents.memberJoined, tenantId, member(ann, '2026-06-02T10:00:00Z'));
    // Bo joined in June and was erased in July; the erasure arrives before the join.
    await h.publish(MembershipEvents.memberErased, tenantId, member(bo, '2026-07-20T10:00:00Z'));
    await h.publish(MembershipEvents.memberJoined, tenantId, member(bo, '2026-06-03T10:00:00Z'));
    await h.settled();
    const months = await own('month', '2026-06', '2026-09');
    expect(totals(months, 'activeMembers')).toEqual({
      '2026-06': 2,
      '2026-07': 2,
      '2026-08': 1,
      '2026-09': 0,
    });
    expect(totals(months, 'newMembers')).toEqual({ '2026-06': 2, '2026-07': 0, '2026-08': 0, '2026-09': 0 });
    // Nothing is kept under Bo's own key but the tombstone: his span moved to a key nothing links to him.
    const boKey = new MemberKeys(MEMBER_KEY_SECRET).keyOf(tenantId, bo);
    for (const table of ['member_spans', 'member_changes'])
      expect(await h.sql(`select 1 from reporting.${table} where member_key = $1`, [boKey])).toEqual([]);
    const [tombstone] = await h.sql<{ replaced_by: string }>(
      `select replaced_by from reporting.erased_keys where key = $1`,
      [boKey],
    );
    expect(
      await h.sql(
        `select started_on::text, ended_on::text from reporting.member_spans where member_key = $1`,
        [tombstone.replaced_by],
      ),
    ).toEqual([{ started_on: '2026-06-03', ended_on: '2026-07-20' }]);
  });

  it('forgets which key an erased member’s rows moved to after 30 days; later facts of them change nothing', async () => {
    const cy = uuidv7();
    await h.publish(MembershipEvents.memberJoined, tenantId, member(cy, '2026-10-01T10:00:00Z'));
    await h.publish(MembershipEvents.memberErased, tenantId, member(cy, '2026-10-20T10:00:00Z'));
    await h.settled();
    const key = new MemberKeys(MEMBER_KEY_SECRET).keyOf(tenantId, cy);
    const links = h.app.get(ErasureLinksService);
    expect(await links.forgetExpired(new Date(Date.now() + 29 * 24 * 3600 * 1000))).toBe(0);
    const before = await own('month', '2026-10', '2026-11');
    // This erasure and the earlier tests' ones.
    expect(await links.forgetExpired(new Date(Date.now() + 31 * 24 * 3600 * 1000))).toBe(3);
    expect(
      await h.sql(`select replaced_by, linked_until from reporting.erased_keys where key = $1`, [key]),
    ).toEqual([{ replaced_by: null, linked_until: null }]);
    // The spans still count; the facts kept to place late ones are gone.
    expect(await own('month', '2026-10', '2026-11')).toEqual(before);
    // A late rejoin (a retry from long ago) neither counts nor brings the key back.
    await h.publish(MembershipEvents.memberRejoined, tenantId, member(cy, '2026-10-10T10:00:00Z'));
    await h.publish(MembershipEvents.memberJoined, tenantId, member(cy, '2026-10-01T10:00:00Z'));
    await h.settled();
    expect(await own('month', '2026-10', '2026-11')).toEqual(before);
    for (const table of ['member_spans', 'member_changes'])
      expect(await h.sql(`select 1 from reporting.${table} where member_key = $1`, [key])).toEqual([]);
  });

  it('forgets an erasure’s link only once a late fact being placed under it meanwhile is written (one member at a time)', async () => {
    const [lero, dee] = [uuidv7(), uuidv7()];
    const fact = (subject: string, occurredAt: string) =>
      h.publish(subject, lero, { tenantId: lero, memberId: dee, occurredAt, communityRoles: [] });
    await fact(MembershipEvents.memberJoined, '2026-03-01T10:00:00Z');
    await fact(MembershipEvents.memberErased, '2026-03-20T10:00:00Z');
    await h.settled();
    const key = new MemberKeys(MEMBER_KEY_SECRET).keyOf(lero, dee);
    const [{ replaced_by: moved }] = await h.sql<{ replaced_by: string }>(
      `select replaced_by from reporting.erased_keys where tenant_id = $1 and key = $2`,
      [lero, key],
    );
    await withClient(h.db.ownerUrl, async (owner) => {
      const waiting = () => waitingOnLocks(owner);
      // A late fact of Dee is written under the key the erasure moved to, and waits to redo the spans there.
      await owner.query('begin');
      await owner.query(
        `select 1 from reporting.member_spans where tenant_id = $1 and member_key = $2 for update`,
        [lero, moved],
      );
      await fact(MembershipEvents.memberLeft, '2026-03-10T10:00:00Z');
      await eventually(async () => expect(await waiting()).toBe(1));
      let swept = false;
      const sweep = h.app
        .get(AggregatesRepository)
        .forgetErasureLinks(testTenantId(lero), new Date(Date.now() + 31 * 24 * 3600 * 1000))
        .finally(() => (swept = true));
      // The sweep waits for the fact's member, or (in no turn) forgets the link under it.
      await eventually(async () => expect(swept || (await waiting()) === 2).toBe(true));
      await owner.query('commit');
      expect(await sweep).toBe(1);
    });
    await h.settled();
    expect(await h.sql(`select change from reporting.member_changes where member_key = $1`, [moved])).toEqual(
      [],
    );
  });

  it('stores no member id anywhere in the reporting schema', async () => {
    const memberId = uuidv7();
    await h.publish(MembershipEvents.memberJoined, tenantId, member(memberId, '2026-05-02T10:00:00Z'));
    await h.settled();
    expect(await tablesHolding(h, memberId)).toEqual([]);
  });

  it('counts unique participants over the whole period, per category and in total, and undoes removed check-ins', async () => {
    const ann = 'participant-key-ann-000000000000';
    const ben = 'participant-key-ben-000000000000';
    await h.publish(EventsEvents.attendanceRecorded, tenantId, attendance('2026-07-02', 'walking', ann));
    await h.publish(EventsEvents.attendanceRecorded, tenantId, attendance('2026-07-09', 'walking', ann));
    await h.publish(EventsEvents.attendanceRecorded, tenantId, attendance('2026-08-04', 'music', ann));
    await h.publish(EventsEvents.attendanceRecorded, tenantId, attendance('2026-08-04', 'music', ben));
    await h.publish(EventsEvents.attendanceRemoved, tenantId, attendance('2026-07-09', 'walking', ann));
    await h.publish(EventsEvents.walkInsRecorded, tenantId, {
      ...attendance('2026-08-04', 'music', ''),
      change: 4,
    });
    await h.publish(EventsEvents.sessionHeld, tenantId, {
      ...attendance('2026-08-04', 'music', ''),
      endsAt: '2026-08-04T11:00:00Z',
    });
    await h.settled();
    const months = await own('month', '2026-07', '2026-08');
    expect(totals(months, 'uniqueParticipants')).toEqual({ '2026-07': 1, '2026-08': 2 });
    expect(totals(months, 'attendances')).toEqual({ '2026-07': 1, '2026-08': 6 });
    expect(totals(months, 'walkIns')).toEqual({ '2026-07': 0, '2026-08': 4 });
    expect(totals(months, 'sessionsHeld')).toEqual({ '2026-07': 0, '2026-08': 1 });
    const quarter = await own('quarter', '2026-07', '2026-09', 'category');
    expect(totals(quarter, 'uniqueParticipants')).toEqual({ '2026-Q3': 2 });
    expect(quarter.rows.map((r) => [r.category, r.values.uniqueParticipants?.value])).toEqual([
      ['music', 2],
      ['walking', 1],
    ]);
  });

  it('counts a redelivered event once', async () => {
    const key = 'participant-key-cal-000000000000';
    const id = uuidv7();
    const data = attendance('2026-09-10', 'walking', key);
    await h.publish(EventsEvents.attendanceRecorded, tenantId, data, { id });
    await h.settled();
    const once = await h.sql(`select * from reporting.daily_counts order by day, metric, dimension`);
    // A relay re-send after JetStream's dedup window: the same event under a new message id.
    await h.publish(EventsEvents.attendanceRecorded, tenantId, data, { id, msgId: `${id}-again` });
    await h.settled();
    const [inbox] = await h.sql<{ n: number }>(
      `select count(*)::int as n from reporting.inbox where event_id = $1`,
      [id],
    );
    expect(inbox.n).toBe(1);
    await h.settled();
    expect(await h.sql(`select * from reporting.daily_counts order by day, metric, dimension`)).toEqual(once);
  });

  it('freezes a region’s released month when the release sweep runs, whatever arrives later', async () => {
    await h.publish(
      EventsEvents.attendanceRecorded,
      tenantId,
      attendance('2026-10-05', 'walking', 'participant-key-dee-0000000000'),
    );
    await h.settled();
    h.clock.now = new Date('2026-11-08T00:00:01Z');
    await h.app.get(ReleaseService).sweep();
    const [stored] = await h.sql<{ period: string }>(
      `select period from reporting.released_reports where period = '2026-10'`,
    );
    expect(stored).toEqual({ period: '2026-10' });
    // Told once, in the release's transaction: which period, never a figure (ADR 0082).
    const released = () =>
      h.sql<{ payload: unknown }>(
        `select payload from reporting.outbox where subject = 'evt.reporting.period.released'
            and payload->>'regionId' = $1 and payload->>'label' = '2026-10'`,
        [regionId],
      );
    expect(await released()).toEqual([
      {
        payload: {
          regionId,
          period: 'month',
          label: '2026-10',
          from: '2026-10-01',
          until: '2026-11-01',
          releasedAt: expect.any(String),
        },
      },
    ]);
    await h.app.get(ReleaseService).sweep();
    expect(await released()).toHaveLength(1);
    const query = { regionId, period: 'month' as const, from: '2026-10', to: '2026-10', by: 'lero' as const };
    const frozen = await h.client.regionImpact(ctx(commissioner), query);
    expect(frozen.totals['2026-10'].status).toBe('released');
    for (let i = 0; i < 12; i++)
      await h.publish(
        EventsEvents.attendanceRecorded,
        tenantId,
        attendance('2026-10-06', 'walking', `participant-key-late-${i}-000000`),
      );
    await h.settled();
    expect(await h.client.regionImpact(ctx(commissioner), query)).toEqual(frozen);
    // The LERO's own exact figures are live.
    expect(totals(await own('month', '2026-10', '2026-10'), 'attendances')).toEqual({ '2026-10': 13 });
    h.clock.now = null;
  });
});
