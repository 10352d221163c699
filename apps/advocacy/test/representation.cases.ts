import type { Client } from 'pg';
import {
  ADVOCACY_EXPORT_COLUMNS,
  ADVOCACY_EXPORT_PARTS,
  AppError,
  type Actor,
  type AdvocacyAsksClient,
  type AdvocacyRepresentationClient,
} from '@hearth/contracts';
import { testTrust } from '@hearth/testing';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** What a test file's advocacy service gives these cases. */
export interface RepresentationCast {
  client: AdvocacyRepresentationClient;
  asks: AdvocacyAsksClient;
  owner: Client;
  lero: { tenantId: string; regionId: string; admin: Actor; coordinator: Actor; regionAdmin: Actor };
  /** Another LERO's admin. */
  stranger: Actor;
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'allowed',
    (err: unknown) => (err instanceof AppError ? err.code : String(err)),
  );

/**
 * The representation log's events through the outbox (ADR 0069), as cases run in the asks int-spec's service: one
 * `logged` per meeting, again (a newer version) when its date moves, `removed` last; counts only, no text or person.
 */
export function representationCases(cast: () => RepresentationCast): void {
  const ctx = (actor: Actor) => testTrust.ctx(actor);

  it('announces meetings logged, moved and removed through the outbox, with counts only', async () => {
    const { client, asks, owner, lero } = cast();
    const seat = await client.createSeat(ctx(lero.admin), lero.tenantId, {
      body: { name: 'Northtown Combating Drugs Partnership', kind: 'other' },
      role: 'co-chair',
      since: daysAgo(300),
    });
    const ask = await asks.createAsk(ctx(lero.admin), lero.tenantId, {
      what: 'Naloxone in every hostel',
      body: { name: 'Northtown Council', kind: 'council' },
      source: { kind: 'meeting' },
      raisedOn: daysAgo(20),
    });
    const m = await client.logMeeting(ctx(lero.coordinator), lero.tenantId, {
      seatId: seat.id,
      date: daysAgo(20),
      representedBy: 'Alex, peer mentor',
      askIds: [ask.id],
      outcome: 'The partnership asked for a costed plan.',
    });
    await client.updateMeeting(ctx(lero.admin), lero.tenantId, m.id, { outcome: 'A costed plan by May.' });
    await client.updateMeeting(ctx(lero.admin), lero.tenantId, m.id, { date: daysAgo(21) });
    await client.removeMeeting(ctx(lero.admin), lero.tenantId, m.id);
    const { rows } = await owner.query<{
      subject: string;
      tenant_id: string;
      payload: Record<string, unknown>;
    }>(
      `select subject, tenant_id, payload from advocacy.outbox where payload->>'meetingId' = $1 order by id`,
      [m.id],
    );
    const base = { tenantId: lero.tenantId, meetingId: m.id };
    expect(rows.map((r) => [r.subject, r.tenant_id, r.payload])).toEqual([
      ['evt.advocacy.meeting.logged', lero.tenantId, { ...base, date: daysAgo(20), version: 1 }],
      ['evt.advocacy.meeting.logged', lero.tenantId, { ...base, date: daysAgo(21), version: 2 }],
      ['evt.advocacy.meeting.removed', lero.tenantId, { ...base, date: daysAgo(21), version: 3 }],
    ]);
    // No link outlives its meeting; the seat and the ask stay.
    const links = await owner.query(`select 1 from advocacy.meeting_asks where meeting_id = $1`, [m.id]);
    expect(links.rows).toHaveLength(0);
    expect((await client.getSeat(ctx(lero.admin), lero.tenantId, seat.id)).id).toBe(seat.id);
  });

  it('gives its LERO’s tenant-admins its seats, meetings and asks for the archive, a page at a time, and nobody else', async () => {
    const { client, asks, lero, stranger } = cast();
    const seat = await client.createSeat(ctx(lero.admin), lero.tenantId, {
      body: { name: '=Northtown Recovery Board', kind: 'other' },
      role: 'member',
      since: daysAgo(100),
    });
    const ask = await asks.createAsk(ctx(lero.admin), lero.tenantId, {
      what: 'Peer mentors in A&E',
      body: { name: 'Northtown Hospitals', kind: 'nhs-trust' },
      source: { kind: 'meeting' },
      raisedOn: daysAgo(10),
      text: 'Raised at the board.',
    });
    const regions = await asks.createRegionAsk(ctx(lero.regionAdmin), lero.regionId, {
      what: 'Only the region’s',
      body: { name: 'Northshire ICB', kind: 'nhs-trust' },
      source: { kind: 'members' },
      raisedOn: daysAgo(10),
    });
    const m = await client.logMeeting(ctx(lero.coordinator), lero.tenantId, {
      seatId: seat.id,
      date: daysAgo(10),
      representedBy: 'a volunteer',
      askIds: [ask.id],
    });
    const page = (
      part: (typeof ADVOCACY_EXPORT_PARTS)[number],
      actor = lero.admin,
      tenantId = lero.tenantId,
    ) => client.leroExportPage(ctx(actor), tenantId, part);
    const seats = await page('advocacy-seats');
    expect(seats.rows).toContainEqual([
      seat.id,
      '=Northtown Recovery Board',
      'other',
      'member',
      daysAgo(100),
      null,
      expect.stringMatching(/Z$/),
      expect.stringMatching(/Z$/),
    ]);
    const meetings = await page('advocacy-meetings');
    expect(meetings.rows).toContainEqual([
      m.id,
      seat.id,
      '=Northtown Recovery Board',
      'other',
      daysAgo(10),
      'a volunteer',
      null,
      ask.id,
      expect.stringMatching(/Z$/),
      expect.stringMatching(/Z$/),
    ]);
    const asked = await page('advocacy-asks');
    expect(asked.rows).toContainEqual([
      ask.id,
      'Peer mentors in A&E',
      'Northtown Hospitals',
      'nhs-trust',
      'meeting',
      null,
      daysAgo(10),
      false,
      'raised',
      expect.stringMatching(/Z$/),
      expect.stringMatching(/Z$/),
    ]);
    const updates = await page('advocacy-ask-updates');
    expect(updates.rows).toContainEqual([
      expect.any(String),
      ask.id,
      'raised',
      daysAgo(10),
      'Raised at the board.',
      null,
      expect.stringMatching(/Z$/),
    ]);
    // The region's own asks are not the LERO's.
    expect(JSON.stringify([asked, updates])).not.toContain(regions.id);
    for (const part of ADVOCACY_EXPORT_PARTS) {
      const { rows, nextCursor } = await page(part);
      expect(nextCursor).toBeNull();
      for (const row of rows) expect(row).toHaveLength(ADVOCACY_EXPORT_COLUMNS[part].length);
      expect(await codeOf(page(part, lero.coordinator))).toBe('FORBIDDEN');
      expect(await codeOf(page(part, lero.regionAdmin))).toBe('NOT_FOUND');
      expect(await codeOf(page(part, stranger))).toBe('NOT_FOUND');
      expect(await codeOf(client.leroExportPage(testTrust.ctx(), lero.tenantId, part))).toBe(
        'UNAUTHENTICATED',
      );
      // Their own LERO's part holds nothing of this one.
      const strangerTenant = stranger.grants[0].tenantId!;
      expect(JSON.stringify(await page(part, stranger, strangerTenant))).not.toMatch(
        new RegExp(`${seat.id}|${m.id}|${ask.id}`),
      );
    }
    expect(await codeOf(page('members' as never))).toBe('VALIDATION');
    expect(await codeOf(client.leroExportPage(ctx(lero.admin), 'not-a-uuid', 'advocacy-seats'))).toBe(
      'VALIDATION',
    );
  });
}
