import { eventually } from '@hearth/testing';
import { ReleaseService } from '../../reporting/src';
import { bodyOf as ok, castInRegion, isoWeek, type Who } from './lero-cast';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
type Cell = { value: number } | { suppressed: true };
interface Problem {
  reason?: string;
  missingRequirements?: { name: string; kind: string }[];
}
interface Rota {
  days: {
    date: string;
    shifts: { shiftId: string; gap: number; people: { displayName: string | null }[] }[];
  }[];
}
interface Entry {
  id: string;
  source: string;
  status: string;
  minutes: number;
  date: string;
}
interface Figures {
  rows?: { lero?: { id: string }; values: Record<string, Cell> }[];
  totals: Record<string, { values: Record<string, Cell> }>;
}

const DAY_MS = 86_400_000;
const MINUTE = 60_000;
const londonDate = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Europe/London' });
/** The moment a month's figures are due to commissioners: 7 days after it ends. */
const dueOf = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 8));
};

/**
 * Issue 18's "done when", end to end through the gateway, every service real: a coordinator's role that needs
 * safeguarding and its weekly shift with a gap on the rota; a volunteer refused for the missing training, then
 * trained and signed up; the shift happens (volunteering's clock moves past it), its hours are proposed and approved;
 * the volunteer takes a passport; a second LERO verifies it and accepts the safeguarding; the LERO's own figures and
 * the commissioner's report (under disclosure control) count the hours.
 */
describe('a volunteer’s journey, from a gap on the rota to hours in the commissioner’s report', () => {
  let h: DistributedHearth;
  let tokens: Record<Who, string | undefined>;
  let lero: { id: string; adminToken: string };
  let other: { id: string; adminToken: string };
  let region: { id: string };
  let n = 0;

  const base = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}/volunteering`;
  const coordinator = () => h.api.as(tokens.coordinator);

  /** A member with the volunteer community role, known to volunteering, and an account linked to them. */
  async function volunteer(tenantId: string, token: string, displayName: string) {
    const memberId = ok(
      await h.api.as(token).post<{ id: string }>(`/api/v1/tenants/${tenantId}/members`, {
        displayName,
        communityRoles: ['member', 'volunteer'],
      }),
      201,
    ).id;
    await eventually(async () =>
      expect(
        ok(
          await h.api
            .as(token)
            .get<{ items: { memberId: string }[] }>(`${base(tenantId)}/volunteers?limit=100`),
          200,
        ).items.map((v) => v.memberId),
      ).toContain(memberId),
    );
    const email = `journey-${++n}@example.org`;
    const invite = ok(
      await h.api.as(token).post<{ token: string }>(`/api/v1/tenants/${tenantId}/invitations`, {
        email,
        role: 'member',
        memberId,
      }),
      201,
    );
    return { memberId, own: h.api.as(await h.given.acceptInvitation(invite.token, email)) };
  }

  beforeAll(async () => {
    h = await startDistributedHearth();
    ({ tokens, lero, other, region } = await castInRegion(h));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('runs from a gap on the rota to approved hours, a verified passport and the commissioner’s figures', async () => {
    // A coordinator: safeguarding in the catalogue, a role that needs it, a weekly shift from tomorrow.
    const safeguarding = ok(
      await coordinator().post<{ id: string }>(`${base()}/training`, {
        name: 'Safeguarding',
        kind: 'training',
        validityMonths: 36,
      }),
      201,
    ).id;
    const role = ok(
      await coordinator().post<{ id: string; title: string }>(`${base()}/roles`, {
        title: 'Peer walk leader',
        visibility: 'public',
        requirementIds: [safeguarding],
      }),
      201,
    );
    const date = londonDate(new Date(Date.now() + DAY_MS));
    const shift = ok(
      await coordinator().post<{ id: string }>(`${base()}/roles/${role.id}/shifts`, {
        startsAt: `${date}T10:00`,
        durationMinutes: 120,
        rrule: 'FREQ=WEEKLY',
        capacity: 2,
      }),
      201,
    );
    const onRota = async () => {
      const rota = ok(await coordinator().get<Rota>(`${base()}/rota?week=${isoWeek(date)}`), 200);
      return rota.days.find((d) => d.date === date)!.shifts.find((s) => s.shiftId === shift.id)!;
    };
    expect(await onRota()).toMatchObject({ gap: 2, people: [] });

    // A volunteer without the training is refused, with the reason; trained, they sign up themselves.
    const val = await volunteer(lero.id, lero.adminToken, 'Val Journey');
    const signup = `${base()}/shifts/${shift.id}/signups`;
    const refused = await val.own.post<Problem>(signup, { memberId: val.memberId, date });
    expect([refused.status, refused.body.reason, refused.body.missingRequirements]).toEqual([
      409,
      'RequirementsMissing',
      [expect.objectContaining({ name: 'Safeguarding', kind: 'training' })],
    ]);
    ok(
      await coordinator().post(`${base()}/volunteers/${val.memberId}/training`, {
        trainingId: safeguarding,
        completedOn: londonDate(new Date(Date.now() - 30 * DAY_MS)),
        how: 'delivered-by-us',
      }),
      201,
    );
    expect(
      ok(await val.own.post<{ status: string }>(signup, { memberId: val.memberId, date }), 200).status,
    ).toBe('confirmed');
    expect(await onRota()).toMatchObject({ gap: 1, people: [{ displayName: 'Val Journey' }] });

    // The shift happens: to volunteering's clock it is three days on. Its hours are proposed; the coordinator approves.
    h.volunteeringClock.offsetMs = 3 * DAY_MS;
    const [proposed] = ok(await val.own.get<{ items: Entry[] }>(`${base()}/me/hours`), 200).items;
    expect(proposed).toMatchObject({ source: 'shift', status: 'pending', minutes: 120, date });
    const queue = ok(await coordinator().get<{ items: Entry[] }>(`${base()}/hours?status=pending`), 200);
    expect(queue.items.map((e) => e.id)).toEqual([proposed.id]);
    ok(await coordinator().post(`${base()}/hours/${proposed.id}/approve`, {}), 200);

    // The volunteer's passport: the training, the role, the approved hours, their name, the LERO.
    const passport = ok(
      await val.own.get<{ passport: string; claims: { credentialSubject: { volunteerRecord: Json } } }>(
        `${base()}/me/passport`,
      ),
      200,
    );
    expect(passport.claims.credentialSubject.volunteerRecord).toMatchObject({
      training: [expect.objectContaining({ completedOn: expect.any(String) })],
      roles: [expect.objectContaining({ title: 'Peer walk leader' })],
      hours: [{ role: 'Peer walk leader', year: Number(date.slice(0, 4)), approvedMinutes: 120 }],
    });

    // A second LERO verifies it and accepts the safeguarding into its own records of the same person.
    const verified = ok(
      await h.api
        .as(other.adminToken)
        .post<{ status: string; claims: Json }>('/api/v1/volunteering/passports/verify', {
          passport: passport.passport,
        }),
      200,
    );
    expect(verified.status).toBe('valid');
    expect(JSON.stringify(verified.claims)).toContain('Val Journey');
    const theirs = ok(
      await h.api
        .as(other.adminToken)
        .post<{ id: string }>(`${base(other.id)}/training`, { name: 'Safeguarding', kind: 'training' }),
      201,
    ).id;
    const there = await volunteer(other.id, other.adminToken, 'Val Journey');
    const imported = ok(
      await h.api
        .as(other.adminToken)
        .post<{ items: Json[] }>(`${base(other.id)}/volunteers/${there.memberId}/training/import`, {
          passport: passport.passport,
        }),
      200,
    );
    expect(imported.items).toEqual([
      expect.objectContaining({ trainingId: theirs, recordId: expect.any(String) }),
    ]);
    const records = ok(
      await h.api
        .as(other.adminToken)
        .get<{ items: Json[] }>(`${base(other.id)}/volunteers/${there.memberId}/training`),
      200,
    );
    expect(records.items).toEqual([
      expect.objectContaining({ trainingId: theirs, how: 'accepted-from-passport' }),
    ]);

    // Reporting: the LERO's own exact figures count the two hours and one volunteer as soon as they are projected.
    const month = date.slice(0, 7);
    const range = new URLSearchParams({ period: 'month', from: month, to: month });
    await eventually(
      async () => {
        const own = ok(
          await h.api.as(lero.adminToken).get<Figures>(`/api/v1/tenants/${lero.id}/reports/impact?${range}`),
          200,
        );
        expect(own.totals[month].values).toMatchObject({
          volunteerHours: { value: 2 },
          activeVolunteers: { value: 1 },
        });
      },
      { timeoutMs: 20_000 },
    );
    // Once the month is released, the commissioner sees the LERO's volunteer figures under disclosure control: one
    // volunteer's two hours are small numbers, suppressed, never shown as they are.
    h.reportingClock.offsetMs = dueOf(month).getTime() + MINUTE - Date.now();
    await h.reporting.get(ReleaseService).sweep();
    h.reportingClock.offsetMs = 0;
    const regional = ok(
      await h.api
        .as(tokens.commissioner)
        .get<Figures>(
          `/api/v1/reports/impact?${new URLSearchParams({ regionId: region.id, by: 'lero', ...Object.fromEntries(range) })}`,
        ),
      200,
    );
    const row = regional.rows!.find((r) => r.lero?.id === lero.id)!;
    expect(row.values).toMatchObject({
      volunteerHours: { suppressed: true },
      activeVolunteers: { suppressed: true },
    });
    expect(JSON.stringify(regional)).not.toMatch(/Val Journey|memberId/);
  });
});
