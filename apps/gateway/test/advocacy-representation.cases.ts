import type { ApiClient, ApiResponse } from '@hearth/testing';
import { askBody, type AsksCast } from './advocacy-asks.cases';
import {
  bodyOf as ok,
  inLero,
  problemFieldsOf as fieldsOf,
  staffOfLero as staff,
  statusesOf,
  type Matrix,
  type Who,
} from './lero-cast';

type Json = Record<string, unknown>;
const MISSING = '0190a3c4-0000-7000-8000-000000000000';
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export const seatBody = (over: Json = {}): Json => ({
  body: { name: 'Northtown Combating Drugs Partnership', kind: 'other' },
  role: 'member',
  since: '2025-04-01',
  ...over,
});

/**
 * A LERO's representation on `day` as its coordinator would log it (ADR 0069): `n` asks raised and done, and `n`
 * meetings at one seat, each following up one of them. For suites that read the figures (reporting's e2e).
 */
export async function logRepresentation(api: ApiClient, tenantId: string, n: number, day: string) {
  const base = `/api/v1/tenants/${tenantId}/advocacy`;
  const seat = ok(await api.post<Seat>(`${base}/seats`, seatBody()), 201);
  for (let i = 0; i < n; i++) {
    const ask = ok(await api.post<{ id: string }>(`${base}/asks`, askBody({ raisedOn: day })), 201);
    const done = { status: 'done', date: day, text: 'Done.' };
    ok(await api.post(`${base}/asks/${ask.id}/updates`, done), 201);
    const meeting = { seatId: seat.id, date: day, representedBy: 'a volunteer', askIds: [ask.id] };
    ok(await api.post(`${base}/meetings`, meeting), 201);
  }
}

interface Seat {
  id: string;
  body: { name: string; kind: string };
  until: string | null;
}
interface Meeting {
  id: string;
  seatId: string | null;
  body: { name: string };
  date: string;
  representedBy: string;
  askIds: string[];
  outcome: string | null;
}

/**
 * The representation log through the gateway (ADR 0069), as cases run in another advocacy suite's Hearth: every seat
 * and meeting route × the LERO cast, a partnership meeting logged in one small request, other LEROs' ids, bad input.
 */
export function representationCases(cast: () => AsksCast): void {
  const seats = (tenantId = cast().lero.id) => `/api/v1/tenants/${tenantId}/advocacy/seats`;
  const meetings = (tenantId = cast().lero.id) => `/api/v1/tenants/${tenantId}/advocacy/meetings`;
  const as = (who: Who): ApiClient => cast().h.api.as(cast().tokens[who]);
  const admin = (token = cast().lero.adminToken) => cast().h.api.as(token);
  const expectMatrix = async (expected: Matrix, call: (api: ApiClient) => Promise<ApiResponse>) =>
    expect(await statusesOf(as, call)).toEqual(expected);
  const seat = async (over: Json = {}, tenantId?: string, token?: string) =>
    ok(await admin(token).post<Seat>(seats(tenantId), seatBody(over)), 201);
  const meeting = async (over: Json, tenantId?: string, token?: string) =>
    ok(
      await admin(token).post<Meeting>(meetings(tenantId), {
        date: daysAgo(3),
        representedBy: 'a volunteer',
        ...over,
      }),
      201,
    );

  it('lets a LERO’s staff keep its seats and meetings, and nobody else', async () => {
    const s = await seat();
    const logged = () => meeting({ seatId: s.id });
    const m = await logged();
    await expectMatrix(inLero(staff(201)), (api) => api.post(seats(), seatBody()));
    await expectMatrix(inLero(staff(200)), (api) => api.get(seats()));
    await expectMatrix(inLero(staff(200)), (api) => api.get(`${seats()}/${s.id}`));
    await expectMatrix(inLero(staff(200)), (api) => api.patch(`${seats()}/${s.id}`, { role: 'co-chair' }));
    await expectMatrix(inLero(staff(204)), async (api) =>
      api.request('DELETE', `${seats()}/${(await seat()).id}`),
    );
    await expectMatrix(inLero(staff(201)), (api) =>
      api.post(meetings(), { seatId: s.id, date: daysAgo(2), representedBy: 'Sam' }),
    );
    await expectMatrix(inLero(staff(200)), (api) => api.get(meetings()));
    await expectMatrix(inLero(staff(200)), (api) => api.get(`${meetings()}/${m.id}`));
    await expectMatrix(inLero(staff(200)), (api) =>
      api.patch(`${meetings()}/${m.id}`, { outcome: 'Agreed.' }),
    );
    await expectMatrix(inLero(staff(204)), async (api) =>
      api.request('DELETE', `${meetings()}/${(await logged()).id}`),
    );
  });

  it('logs a partnership meeting in one small request, with the asks raised there', async () => {
    const partnership = await seat({ role: 'co-chair', since: daysAgo(400) });
    const asks = [
      ok(
        await admin().post<{ id: string }>(`/api/v1/tenants/${cast().lero.id}/advocacy/asks`, askBody()),
        201,
      ),
      ok(
        await admin().post<{ id: string }>(`/api/v1/tenants/${cast().lero.id}/advocacy/asks`, askBody()),
        201,
      ),
    ];
    const m = await meeting({
      seatId: partnership.id,
      representedBy: '  Jo (peer mentor) ',
      askIds: [asks[0].id, asks[1].id, asks[0].id.toUpperCase()],
      outcome: 'The partnership will fund Saturday opening from March.',
    });
    expect(m).toMatchObject({
      seatId: partnership.id,
      body: { name: 'Northtown Combating Drugs Partnership' },
      date: daysAgo(3),
      representedBy: 'Jo (peer mentor)',
      outcome: 'The partnership will fund Saturday opening from March.',
    });
    expect([...m.askIds].sort()).toEqual(asks.map((a) => a.id).sort());
    const other = await meeting({ body: { name: 'Riverside Housing forum', kind: 'housing-association' } });
    expect(other).toMatchObject({ seatId: null, body: { name: 'Riverside Housing forum' }, askIds: [] });

    const moved = ok(
      await admin().patch<Meeting>(`${meetings()}/${m.id}`, {
        date: daysAgo(40),
        askIds: [asks[1].id],
        outcome: null,
      }),
      200,
    );
    expect(moved).toMatchObject({ date: daysAgo(40), askIds: [asks[1].id], outcome: null });
    const window = ok(
      await admin().get<{ items: Meeting[] }>(`${meetings()}?from=${daysAgo(41)}&to=${daysAgo(39)}`),
      200,
    );
    expect(window.items.map((x) => x.id)).toEqual([m.id]);
    const recent = ok(
      await admin().get<{ items: Meeting[] }>(`${meetings()}?from=${daysAgo(5)}&limit=100`),
      200,
    );
    expect(recent.items.map((x) => x.id)).toContain(other.id);
    expect(recent.items.map((x) => x.id)).not.toContain(m.id);
    const dates = recent.items.map((x) => x.date);
    expect(dates).toEqual([...dates].sort().reverse());

    // A seat that ends stays listed as ended; one deleted leaves its meetings with their body.
    ok(await admin().patch(`${seats()}/${partnership.id}`, { until: daysAgo(1) }), 200);
    const ended = ok(await admin().get<{ items: Seat[] }>(`${seats()}?current=false&limit=100`), 200);
    expect(ended.items.map((x) => x.id)).toContain(partnership.id);
    const reopened = ok(await admin().patch<Seat>(`${seats()}/${partnership.id}`, { until: null }), 200);
    expect(reopened.until).toBeNull();
    expect((await admin().request('DELETE', `${seats()}/${partnership.id}`)).status).toBe(204);
    expect((await admin().get(`${seats()}/${partnership.id}`)).status).toBe(404);
    expect(ok(await admin().get<Meeting>(`${meetings()}/${m.id}`), 200)).toMatchObject({
      seatId: null,
      body: { name: 'Northtown Combating Drugs Partnership' },
    });
    expect((await admin().request('DELETE', `${meetings()}/${m.id}`)).status).toBe(204);
    expect((await admin().get(`${meetings()}/${m.id}`)).status).toBe(404);
  });

  it('answers another LERO’s seats and meetings exactly like missing ones', async () => {
    const { other } = cast();
    const theirSeat = await seat({}, other.id, other.adminToken);
    const theirMeeting = await meeting({ seatId: theirSeat.id }, other.id, other.adminToken);
    for (const [path, id, change] of [
      [seats(), theirSeat.id, { role: 'observer' }],
      [meetings(), theirMeeting.id, { representedBy: 'x' }],
    ] as const) {
      for (const call of [
        (x: string) => admin().get<Json>(`${path}/${x}`),
        (x: string) => admin().patch<Json>(`${path}/${x}`, change),
        (x: string) => admin().request<Json>('DELETE', `${path}/${x}`),
      ]) {
        const [foreign, missing] = [await call(id), await call(MISSING)];
        expect([foreign.status, foreign.body.code, foreign.body.detail]).toEqual([
          404,
          missing.body.code,
          missing.body.detail,
        ]);
      }
    }
    // Their seat or ask, named in ours, is a 400 on that field, as a missing one.
    const theirAsk = ok(
      await admin(other.adminToken).post<{ id: string }>(
        `/api/v1/tenants/${other.id}/advocacy/asks`,
        askBody(),
      ),
      201,
    );
    const ours = { date: daysAgo(1), representedBy: 'a volunteer' };
    expect(fieldsOf(await admin().post(meetings(), { ...ours, seatId: theirSeat.id }))).toEqual(['seatId']);
    const body = { name: 'Council', kind: 'council' };
    expect(fieldsOf(await admin().post(meetings(), { ...ours, body, askIds: [theirAsk.id] }))).toEqual([
      'askIds',
    ]);
    expect(fieldsOf(await admin().post(meetings(), { ...ours, body, askIds: [MISSING] }))).toEqual([
      'askIds',
    ]);
  });

  it('refuses bad input with a 400 naming the field, never a 500', async () => {
    const s = await seat();
    const log = (over: Json) =>
      admin().post(meetings(), { seatId: s.id, date: daysAgo(1), representedBy: 'a volunteer', ...over });
    expect(fieldsOf(await admin().post(meetings(), { date: daysAgo(1), representedBy: 'x' }))).toEqual(
      expect.arrayContaining(['seatId', 'body']),
    );
    expect(fieldsOf(await log({ body: { name: 'x', kind: 'council' } }))).toEqual(['body']);
    expect(fieldsOf(await log({ body: { name: 'x', kind: 'parliament' } }))).toEqual(['body.kind']);
    expect(fieldsOf(await log({ seatId: 'seat-1' }))).toEqual(['seatId']);
    expect(fieldsOf(await log({ date: '2026-02-30' }))).toEqual(['date']);
    expect(fieldsOf(await log({ date: '2999-01-01' }))).toEqual(['date']);
    expect(fieldsOf(await log({ date: daysAgo(-5) }))).toEqual(['date']);
    expect(fieldsOf(await log({ representedBy: '   ' }))).toEqual(['representedBy']);
    expect(fieldsOf(await log({ representedBy: undefined }))).toEqual(['representedBy']);
    expect(fieldsOf(await log({ outcome: 'x'.repeat(301) }))).toEqual(['outcome']);
    expect(fieldsOf(await log({ askIds: 'all' }))).toEqual(['askIds']);
    expect(fieldsOf(await log({ askIds: ['nope'] }))).toEqual(['askIds']);
    expect(fieldsOf(await log({ askIds: Array(21).fill(MISSING) }))).toEqual(['askIds']);
    expect(fieldsOf(await admin().get(`${meetings()}?from=yesterday`))).toEqual(['from']);
    expect(fieldsOf(await admin().get(`${meetings()}?from=${daysAgo(1)}&to=${daysAgo(9)}`))).toEqual(['to']);
    expect(fieldsOf(await admin().get(`${meetings()}/not-a-uuid`))).toEqual(['meetingId']);
    expect(fieldsOf(await admin().post(seats(), seatBody({ role: 'king', since: '2026-13-01' })))).toEqual(
      expect.arrayContaining(['role', 'since']),
    );
    expect(fieldsOf(await admin().post(seats(), seatBody({ until: '2025-01-01' })))).toEqual(['until']);
    expect(fieldsOf(await admin().post(seats(), seatBody({ body: { name: ' ', kind: 'council' } })))).toEqual(
      ['body.name'],
    );
    expect(fieldsOf(await admin().patch(`${seats()}/${s.id}`, { since: null, body: 'council' }))).toEqual(
      expect.arrayContaining(['since', 'body']),
    );
    expect(fieldsOf(await admin().get(`${seats()}?current=maybe`))).toEqual(['current']);
    const { body: _b, ...bare } = seatBody();
    expect(fieldsOf(await admin().post(seats(), bare))).toEqual(['body']);
  });
}
