import { eventually } from '@hearth/testing';
import { bodyOf as ok, castInRegion } from './lero-cast';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
type Exported = { parts: { service: string; data: Json }[] };

const DAY_MS = 86_400_000;
const dayAhead = (days: number) => `${new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10)}T10:00`;

/**
 * Volunteering's part in a person's rights end to end (ADR 0060): their export through the gateway gathers it from
 * volunteering over NATS, for staff and for the person at `/me`; their erasure, told over JetStream, frees their coming
 * place for the next on the waitlist and leaves nothing of them in volunteering's answers.
 */
describe('volunteering in a person’s export and erasure, through the gateway', () => {
  let h: DistributedHearth;
  let lero: { id: string; adminToken: string };
  let n = 0;

  const members = () => `/api/v1/tenants/${lero.id}/members`;
  const v = () => `/api/v1/tenants/${lero.id}/volunteering`;
  const admin = () => h.api.as(lero.adminToken);

  async function volunteer(): Promise<string> {
    const id = ok(
      await admin().post<{ id: string }>(members(), {
        displayName: `Volunteer ${++n}`,
        communityRoles: ['member', 'volunteer'],
      }),
      201,
    ).id;
    await eventually(async () => {
      const list = ok(
        await admin().get<{ items: { memberId: string }[] }>(`${v()}/volunteers?limit=100`),
        200,
      );
      expect(list.items.map((i) => i.memberId)).toContain(id);
    });
    return id;
  }

  beforeAll(async () => {
    h = await startDistributedHearth();
    ({ lero } = await castInRegion(h));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('puts their volunteering in the export, for staff and for themselves, then erases it and frees their place', async () => {
    const ash = await volunteer();
    const kit = await volunteer();
    const training = ok(
      await admin().post<{ id: string }>(`${v()}/training`, { name: 'First aid', kind: 'training' }),
      201,
    );
    ok(
      await admin().post(`${v()}/volunteers/${ash}/training`, {
        trainingId: training.id,
        completedOn: '2026-03-01',
        how: 'certificate-seen',
      }),
      201,
    );
    const role = ok(
      await admin().post<{ id: string }>(`${v()}/roles`, { title: 'Tea and welcome', visibility: 'members' }),
      201,
    );
    const shift = ok(
      await admin().post<{ id: string }>(`${v()}/roles/${role.id}/shifts`, {
        startsAt: dayAhead(8),
        durationMinutes: 60,
        capacity: 1,
      }),
      201,
    );
    const signups = `${v()}/shifts/${shift.id}/signups`;
    ok(await admin().post(signups, { memberId: ash }), 200);
    expect(ok(await admin().post<Json>(signups, { memberId: kit }), 200)).toMatchObject({
      status: 'waitlisted',
    });

    // Ash, with an account linked to their record, says they are interested in the role.
    const email = `ash-${lero.id.slice(-6)}@example.org`;
    const invite = ok(
      await admin().post<{ token: string }>(`/api/v1/tenants/${lero.id}/invitations`, {
        email,
        role: 'member',
        memberId: ash,
      }),
      201,
    );
    const asAsh = h.api.as(await h.given.acceptInvitation(invite.token, email));
    ok(await asAsh.post(`${v()}/roles/${role.id}/interest`, { note: 'Mornings suit me' }), 200);

    const exported = ok(await admin().get<Exported>(`${members()}/${ash}/export`), 200);
    expect(exported.parts.map((p) => p.service)).toEqual([
      'advocacy',
      'events',
      'membership',
      'tenants',
      'volunteering',
    ]);
    const part = exported.parts.find((p) => p.service === 'volunteering')!.data;
    expect(part).toEqual({
      volunteer: { volunteer: true, status: 'active' },
      signups: [
        expect.objectContaining({ shiftId: shift.id, roleTitle: 'Tea and welcome', status: 'confirmed' }),
      ],
      training: [
        expect.objectContaining({ name: 'First aid', completedOn: '2026-03-01', how: 'certificate-seen' }),
      ],
      hours: [],
      credentials: [],
      interests: [
        expect.objectContaining({ roleTitle: 'Tea and welcome', note: 'Mornings suit me', status: 'open' }),
      ],
    });

    // The person, with an account linked to their record, downloads the same part at /me.
    const own = ok(await asAsh.get<Exported>(`/api/v1/tenants/${lero.id}/me/export`), 200);
    expect(own.parts.find((p) => p.service === 'volunteering')?.data).toEqual(part);

    // Erased: membership tells volunteering over JetStream; Kit gets the place, and nothing names Ash.
    ok(await admin().request('DELETE', `${members()}/${ash}`), 204);
    await eventually(
      async () => {
        const list = ok(await admin().get<{ items: Json[] }>(signups), 200);
        expect(list.items).toEqual([{ memberId: kit, status: 'confirmed' }]);
      },
      { timeoutMs: 20_000 },
    );
    // Their interest is gone from the role's list.
    expect(ok(await admin().get<{ items: Json[] }>(`${v()}/roles/${role.id}/interests`), 200).items).toEqual(
      [],
    );
    const records = await admin().get(`${v()}/volunteers/${ash}/training`);
    expect(records.status).toBe(404);
    const refused = await admin().post<Json>(signups, { memberId: ash });
    expect([refused.status, refused.body.reason]).toEqual([409, 'NotAVolunteer']);
    const kitsPart = ok(await admin().get<Exported>(`${members()}/${kit}/export`), 200).parts.find(
      (p) => p.service === 'volunteering',
    )!.data;
    expect(JSON.stringify(kitsPart)).not.toContain(ash);
  });
});
