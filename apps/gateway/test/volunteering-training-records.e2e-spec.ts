import { eventually, type ApiClient, type ApiResponse } from '@hearth/testing';
import {
  bodyOf as ok,
  castInRegion,
  inLero,
  problemFieldsOf as fieldsOf,
  staffOfLero as staff,
  statusesOf,
  type Matrix,
  type Who,
} from './lero-cast';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
type Problem = Json & { errors?: { field: string; message: string }[]; reason?: string };
interface Record_ {
  id: string;
  memberId: string;
  expiresOn: string | null;
  status: string;
  verifiedBy: string;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const ukToday = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
const shift = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Training and check records end to end (ADR 0053): HTTP through the gateway, NATS to the volunteering service. */
describe('volunteers’ training records through the gateway', () => {
  let h: DistributedHearth;
  let lero: { id: string; adminToken: string };
  let other: { id: string; adminToken: string };
  let tokens: Record<Who, string | undefined>;
  let n = 0;
  const today = ukToday();

  const base = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}/volunteering`;
  const as = (who: Who): ApiClient => h.api.as(tokens[who]);
  const item = async (body: Json, tenantId = lero.id, token = lero.adminToken) =>
    ok(await h.api.as(token).post<{ id: string }>(`${base(tenantId)}/training`, body), 201);
  const volunteer = async (
    communityRoles = ['member', 'volunteer'],
    tenantId = lero.id,
    token = lero.adminToken,
  ) => {
    const id = ok(
      await h.api.as(token).post<{ id: string }>(`/api/v1/tenants/${tenantId}/members`, {
        displayName: `Vol ${++n}`,
        communityRoles,
      }),
      201,
    ).id;
    // Known to volunteering once membership's event has been heard.
    await eventually(async () =>
      expect((await h.api.as(token).get(`${base(tenantId)}/volunteers/${id}/training`)).status).toBe(200),
    );
    return id;
  };
  const training = (memberId: string) => `${base()}/volunteers/${memberId}/training`;

  async function expectMatrix(expected: Matrix, call: (api: ApiClient, who: Who) => Promise<ApiResponse>) {
    expect(await statusesOf(as, call)).toEqual(expected);
  }

  beforeAll(async () => {
    h = await startDistributedHearth();
    ({ tokens, lero, other } = await castInRegion(h));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('records, lists, corrects and removes a volunteer’s training; the volunteer reads their own', async () => {
    const ash = await volunteer();
    const safeguarding = await item({ name: 'Safeguarding', kind: 'training', validityMonths: 36 });
    const recorded = ok(
      await as('coordinator').post<Record_>(training(ash), {
        trainingId: safeguarding.id,
        completedOn: '2026-03-31',
        how: 'certificate-seen',
      }),
      201,
    );
    expect(recorded).toMatchObject({ memberId: ash, expiresOn: '2029-03-31', status: 'valid' });
    expect(recorded.verifiedBy).toMatch(/^[0-9a-f-]{36}$/);
    // A member account linked to ash's record reads ash's records, and nobody else's.
    const email = `ash-${n}@example.org`;
    const invite = await as('tenant-admin').post<{ token: string }>(
      `/api/v1/tenants/${lero.id}/invitations`,
      {
        email,
        role: 'member',
        memberId: ash,
      },
    );
    const own = h.api.as(await h.given.acceptInvitation(ok(invite, 201).token, email));
    expect(ok(await own.get<Page<Record_>>(training(ash)), 200).items.map((r) => r.id)).toEqual([
      recorded.id,
    ]);
    const bo = await volunteer();
    expect((await own.get(training(bo))).status).toBe(403);
    expect((await own.get(`${base()}/training-records/expiring`)).status).toBe(403);
    const fixed = ok(
      await as('tenant-admin').patch<Record_>(`${training(ash)}/${recorded.id}`, {
        completedOn: '2026-04-01',
      }),
      200,
    );
    expect(fixed.expiresOn).toBe('2029-04-01');
    expect((await as('coordinator').request('DELETE', `${training(ash)}/${recorded.id}`)).status).toBe(204);
    expect((await as('coordinator').request('DELETE', `${training(ash)}/${recorded.id}`)).status).toBe(404);
  });

  it('refuses a member who is not an active volunteer (409 naming why) and a date to come (400)', async () => {
    const first = await item({ name: 'First aid', kind: 'training', validityMonths: 36 });
    const notOne = await volunteer(['member']);
    const refused = await as('coordinator').post<Problem>(training(notOne), {
      trainingId: first.id,
      completedOn: today,
      how: 'delivered-by-us',
    });
    expect([refused.status, refused.body.reason]).toEqual([409, 'NotAVolunteer']);
    expect(JSON.stringify(refused.body)).toContain('volunteer community role');
    const ash = await volunteer();
    const future = await as('coordinator').post<Problem>(training(ash), {
      trainingId: first.id,
      completedOn: shift(today, 1),
      how: 'delivered-by-us',
    });
    expect(fieldsOf(future)).toEqual(['completedOn']);
  });

  it('lists what expires within the window and what has expired, soonest first', async () => {
    const name = `Yearly ${++n}`;
    const yearly = await item({ name, kind: 'check', validityMonths: 12 });
    const [ash, bo] = [await volunteer(), await volunteer()];
    const soon = ok(
      await as('coordinator').post<Record_>(training(ash), {
        trainingId: yearly.id,
        completedOn: shift(shift(today, 7), -365),
        how: 'accepted-from-passport',
      }),
      201,
    );
    const gone = ok(
      await as('coordinator').post<Record_>(training(bo), {
        trainingId: yearly.id,
        completedOn: shift(shift(today, -3), -365),
        how: 'certificate-seen',
      }),
      201,
    );
    expect(gone.status).toBe('expired');
    const expiring = ok(
      await as('coordinator').get<Page<Json>>(`${base()}/training-records/expiring?days=30`),
      200,
    );
    expect(expiring.items).toContainEqual({
      memberId: ash,
      recordId: soon.id,
      trainingId: yearly.id,
      name,
      kind: 'check',
      expiresOn: soon.expiresOn,
    });
    const dates = expiring.items.map((i) => i.expiresOn as string);
    expect(dates).toEqual([...dates].sort());
    const expired = ok(
      await as('tenant-admin').get<Page<Json>>(`${base()}/training-records/expired?limit=100`),
      200,
    );
    expect(expired.items.map((i) => i.recordId)).toContain(gone.id);
    expect(expired.items.map((i) => i.recordId)).not.toContain(soon.id);
  });

  it('answers every route, role by role', async () => {
    const ash = await volunteer();
    const aid = await item({ name: 'Aid', kind: 'training' });
    const body = { trainingId: aid.id, completedOn: today, how: 'delivered-by-us' };
    await expectMatrix(inLero(staff(201)), (api) => api.post(training(ash), body));
    await expectMatrix(inLero(staff(200)), (api) => api.get(training(ash)));
    const records = async () => ok(await as('coordinator').get<Page<Record_>>(training(ash)), 200).items;
    const [r1, r2] = await records();
    await expectMatrix(inLero(staff(200)), (api) =>
      api.patch(`${training(ash)}/${r1.id}`, { how: 'certificate-seen' }),
    );
    for (let i = 0; i < 2; i++) ok(await as('coordinator').post(training(ash), body), 201);
    const spare = (await records()).map((r) => r.id).filter((id) => id !== r1.id && id !== r2.id);
    await expectMatrix(inLero(staff(204)), (api, who) =>
      api.request(
        'DELETE',
        `${training(ash)}/${who === 'tenant-admin' ? spare[0] : who === 'coordinator' ? spare[1] : r2.id}`,
      ),
    );
    await expectMatrix(inLero(staff(200)), (api) => api.get(`${base()}/training-records/expiring`));
    await expectMatrix(inLero(staff(200)), (api) => api.get(`${base()}/training-records/expired`));
  });

  it('answers another LERO’s member, record and training ids as it answers missing ones', async () => {
    const ash = await volunteer();
    const aid = await item({ name: 'Aid', kind: 'training' });
    const theirItem = await item({ name: 'Aid', kind: 'training' }, other.id, other.adminToken);
    const theirMember = await volunteer(['volunteer'], other.id, other.adminToken);
    const theirRecord = ok(
      await h.api.as(other.adminToken).post<Record_>(`${base(other.id)}/volunteers/${theirMember}/training`, {
        trainingId: theirItem.id,
        completedOn: today,
        how: 'delivered-by-us',
      }),
      201,
    );
    const missing = '01900000-0000-7000-8000-00000000dead';
    const body = (trainingId: string) => ({ trainingId, completedOn: today, how: 'delivered-by-us' });
    for (const id of [theirMember, missing]) {
      expect((await as('coordinator').post(training(id), body(aid.id))).status).toBe(404);
      expect((await as('coordinator').get(training(id))).status).toBe(404);
      expect(
        (await as('coordinator').patch(`${training(id)}/${theirRecord.id}`, { how: 'certificate-seen' }))
          .status,
      ).toBe(404);
    }
    for (const id of [theirItem.id, missing])
      expect(fieldsOf(await as('coordinator').post<Problem>(training(ash), body(id)))).toEqual([
        'trainingId',
      ]);
    for (const id of [theirRecord.id, missing]) {
      expect(
        (await as('coordinator').patch(`${training(ash)}/${id}`, { how: 'certificate-seen' })).status,
      ).toBe(404);
      expect((await as('coordinator').request('DELETE', `${training(ash)}/${id}`)).status).toBe(404);
    }
    const all = ok(
      await as('coordinator').get<Page<Json>>(`${base()}/training-records/expired?limit=100`),
      200,
    );
    expect(all.items.map((i) => i.memberId)).not.toContain(theirMember);
  });

  it.each<[string, Json, string]>([
    ['no training', { completedOn: '2026-01-01', how: 'delivered-by-us' }, 'trainingId'],
    [
      'a training that is not an id',
      { trainingId: 'dbs', completedOn: '2026-01-01', how: 'delivered-by-us' },
      'trainingId',
    ],
    [
      'no date',
      { trainingId: '01900000-0000-7000-8000-0000000000aa', how: 'delivered-by-us' },
      'completedOn',
    ],
    [
      'a date that does not exist',
      {
        trainingId: '01900000-0000-7000-8000-0000000000aa',
        completedOn: '2026-02-30',
        how: 'delivered-by-us',
      },
      'completedOn',
    ],
    [
      'a time, not a date',
      {
        trainingId: '01900000-0000-7000-8000-0000000000aa',
        completedOn: '2026-02-01T10:00:00Z',
        how: 'delivered-by-us',
      },
      'completedOn',
    ],
    [
      'an unknown how',
      { trainingId: '01900000-0000-7000-8000-0000000000aa', completedOn: '2026-01-01', how: 'told-me' },
      'how',
    ],
    [
      'a certificate number',
      {
        trainingId: '01900000-0000-7000-8000-0000000000aa',
        completedOn: '2026-01-01',
        how: 'certificate-seen',
        certificateNumber: '001234567890',
      },
      'certificateNumber',
    ],
    [
      'an outcome',
      {
        trainingId: '01900000-0000-7000-8000-0000000000aa',
        completedOn: '2026-01-01',
        how: 'certificate-seen',
        outcome: 'clear',
      },
      'outcome',
    ],
  ])('refuses a record with %s (400 naming the field)', async (_what, body, field) => {
    const ash = '01900000-0000-7000-8000-0000000000bb';
    expect(fieldsOf(await as('coordinator').post<Problem>(training(ash), body))).toEqual([field]);
  });

  it('refuses bad changes, windows, cursors and ids, never with a 500', async () => {
    const rec = `${training('01900000-0000-7000-8000-0000000000bb')}/01900000-0000-7000-8000-0000000000cc`;
    expect(fieldsOf(await as('coordinator').patch<Problem>(rec, { completedOn: null }))).toContain(
      'completedOn',
    );
    expect(fieldsOf(await as('coordinator').patch<Problem>(rec, { notes: 'x' }))).toContain('notes');
    for (const days of ['0', '366', 'soon', '1.5'])
      expect(
        fieldsOf(await as('coordinator').get<Problem>(`${base()}/training-records/expiring?days=${days}`)),
      ).toEqual(['days']);
    expect(
      fieldsOf(await as('coordinator').get<Problem>(`${base()}/training-records/expired?cursor=x`)),
    ).toEqual(['cursor']);
    expect(
      fieldsOf(await as('coordinator').get<Problem>(`${base()}/training-records/expired?limit=0`)),
    ).toEqual(['limit']);
    expect(fieldsOf(await as('coordinator').get<Problem>(`${base()}/volunteers/nope/training`))).toContain(
      'memberId',
    );
    expect(
      fieldsOf(
        await as('coordinator').patch<Problem>(
          `${training('01900000-0000-7000-8000-0000000000bb')}/nope`,
          {},
        ),
      ),
    ).toContain('recordId');
  });
});
