import type { Client } from 'pg';
import type { Actor, AdvocacyAsksClient, AdvocacyRepresentationClient } from '@hearth/contracts';
import { testTrust } from '@hearth/testing';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** What a test file's advocacy service gives these cases. */
export interface RepresentationCast {
  client: AdvocacyRepresentationClient;
  asks: AdvocacyAsksClient;
  owner: Client;
  lero: { tenantId: string; admin: Actor; coordinator: Actor };
}

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
}
