import { eventually } from '@hearth/testing';
import { bodyOf as ok } from './lero-cast';
import { londonWallClock, type DistributedHearth } from './hearth.harness';

const DAY = 86_400_000;

/**
 * A LERO's volunteering for its archive: `formula` (a member with the volunteer role, as volunteering heard it) trained,
 * signed up to a shift, had hours approved, and — through an account linked to them — said they were interested in
 * the role, which the admin followed up.
 */
export async function givenVolunteering(
  h: Pick<DistributedHearth, 'api' | 'given'>,
  lero: { id: string; adminToken: string },
  formula: string,
): Promise<{ trainingId: string; roleId: string; shiftId: string }> {
  const admin = h.api.as(lero.adminToken);
  const v = `/api/v1/tenants/${lero.id}/volunteering`;
  await eventually(
    async () => {
      const list = ok(await admin.get<{ items: { memberId: string }[] }>(`${v}/volunteers?limit=100`), 200);
      expect(list.items.map((i) => i.memberId)).toContain(formula);
    },
    { timeoutMs: 20_000 },
  );
  const trainingId = ok(
    await admin.post<{ id: string }>(`${v}/training`, { name: 'Safeguarding', kind: 'training' }),
    201,
  ).id;
  const roleId = ok(
    await admin.post<{ id: string }>(`${v}/roles`, {
      title: 'Peer walk leader',
      visibility: 'public',
      skills: ['listening', 'map reading'],
      requirementIds: [trainingId],
    }),
    201,
  ).id;
  const shiftId = ok(
    await admin.post<{ id: string }>(`${v}/roles/${roleId}/shifts`, {
      startsAt: londonWallClock(new Date(Date.now() + 10 * DAY)),
      durationMinutes: 90,
      capacity: 4,
    }),
    201,
  ).id;
  ok(
    await admin.post(`${v}/volunteers/${formula}/training`, {
      trainingId,
      completedOn: new Date(Date.now() - DAY).toISOString().slice(0, 10),
      how: 'delivered-by-us',
    }),
    201,
  );
  ok(await admin.post(`${v}/shifts/${shiftId}/signups`, { memberId: formula }), 200);
  const entryId = ok(
    await admin.post<{ id: string }>(`${v}/hours`, {
      memberId: formula,
      roleId,
      date: new Date(Date.now() - DAY).toISOString().slice(0, 10),
      minutes: 90,
      description: 'Led the Tuesday walk',
    }),
    201,
  ).id;
  ok(await admin.post(`${v}/hours/${entryId}/approve`, { minutes: 60 }), 200);
  const asFormula = h.api.as((await h.given.tenantUser(lero.id, 'member', lero.adminToken, formula)).token);
  const interest = ok(
    await asFormula.post<{ id: string }>(`${v}/roles/${roleId}/interest`, { note: 'Tea' }),
    200,
  );
  ok(await admin.post(`${v}/interests/${interest.id}/close`, { outcome: 'became-volunteer' }), 200);
  return { trainingId, roleId, shiftId };
}

/** A LERO's advocacy for its archive (ADR 0075): a seat, an ask and a meeting at the seat that raised it. */
export async function givenAdvocacy(
  h: Pick<DistributedHearth, 'api'>,
  lero: { id: string; adminToken: string },
): Promise<{ seatId: string; askId: string; meetingId: string }> {
  const admin = h.api.as(lero.adminToken);
  const a = `/api/v1/tenants/${lero.id}/advocacy`;
  const day = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10);
  const seatId = ok(
    await admin.post<{ id: string }>(`${a}/seats`, {
      body: { name: 'Northtown Combating Drugs Partnership', kind: 'other' },
      role: 'member',
      since: '2025-04-01',
    }),
    201,
  ).id;
  const askId = ok(
    await admin.post<{ id: string }>(`${a}/asks`, {
      what: '+Naloxone in every hostel',
      body: { name: 'Northtown Council', kind: 'council' },
      source: { kind: 'meeting' },
      raisedOn: day,
    }),
    201,
  ).id;
  const meetingId = ok(
    await admin.post<{ id: string }>(`${a}/meetings`, {
      seatId,
      date: day,
      representedBy: 'a volunteer',
      askIds: [askId],
    }),
    201,
  ).id;
  return { seatId, askId, meetingId };
}
