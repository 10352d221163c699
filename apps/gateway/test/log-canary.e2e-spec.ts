import { Writable } from 'node:stream';
import { eventually, withClient, type ApiClient } from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { erasedMemberKey } from '../../events/src';

type Json = Record<string, unknown>;

/** A person no log line may ever name: every form their details could take in a line. */
const CANARY = {
  name: 'Zebedee Canarywhistle',
  email: 'zebedee.canarywhistle@example.org',
  phone: '07700 900461',
};
const NEEDLES = [
  'Zebedee',
  'Canarywhistle',
  'canarywhistle', // any case, and the email's local part
  'zebedee.canarywhistle',
  encodeURIComponent(CANARY.email),
  '07700 900461',
  '07700900461',
  '07700%20900461',
  '900461',
];

/**
 * Logs without personal data: the member flows of the e2e suite (create, search, read, change, consent, leave,
 * rejoin, import, export, sign in as the member, their own page and export, a refused request, erase) with a
 * canary name, email and phone, every app logging at `trace`, and every line each of them wrote searched for
 * the canary in any form.
 */
describe('logs never carry a person’s details', () => {
  let h: DistributedHearth;
  const lines: string[] = [];
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const restore: (() => void)[] = [];

  beforeAll(async () => {
    // Whatever bypasses the loggers (a stray console or a process write) is caught too.
    for (const stream of [process.stdout, process.stderr]) {
      const spy = jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        return true;
      });
      restore.push(() => spy.mockRestore());
    }
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      });
      restore.push(() => spy.mockRestore());
    }
    h = await startDistributedHearth({ logLevel: 'trace', logDestination: capture });
  });

  afterAll(async () => {
    await h?.close();
    restore.forEach((r) => r());
  });

  it('runs the member flows with a canary person and finds them in no log line', async () => {
    const admin = await h.given.platformAdmin();
    const region = await h.given.region(admin);
    const lero = await h.given.lero(region.id, admin);
    const asAdmin: ApiClient = h.api.as(lero.adminToken);
    const members = `/api/v1/tenants/${lero.id}/members`;
    const ok = <T>(res: { status: number; body: T }, status: number) => {
      if (res.status !== status)
        throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body;
    };

    const created = ok(
      await asAdmin.post<Json & { id: string }>(members, {
        displayName: CANARY.name,
        email: CANARY.email,
        phone: CANARY.phone,
        pathway: `${CANARY.name}'s own way`,
        notes: `Call ${CANARY.phone} or write to ${CANARY.email}`,
      }),
      201,
    );
    const id = created.id;
    for (const search of [CANARY.email, CANARY.name, CANARY.phone, 'canarywhistle@'])
      ok(await asAdmin.get(`${members}?search=${encodeURIComponent(search)}`), 200);
    ok(await asAdmin.get(`${members}/${id}`), 200);
    ok(
      await asAdmin.patch(`${members}/${id}`, { phone: `${CANARY.phone}0`, consents: { contact: true } }),
      200,
    );
    ok(await asAdmin.get(`${members}/${id}/consents`), 200);
    ok(await asAdmin.post(`${members}/${id}/leave`), 200);
    ok(await asAdmin.post(`${members}/${id}/rejoin`), 200);
    // Refused input that carries the canary: the problem names the field, and no log line the value.
    expect(
      (await asAdmin.post(members, { displayName: CANARY.name, email: `${CANARY.email}@@` })).status,
    ).toBe(400);
    expect(
      (await asAdmin.get(`${members}?search=${encodeURIComponent(CANARY.email)}&limit=nope`)).status,
    ).toBe(400);
    const imported = await asAdmin.request<Json>(
      'POST',
      `${members}/import`,
      `displayName,email,phone,communityRoles,pathway\n${CANARY.name} Junior,junior.${CANARY.email},${CANARY.phone},member,`,
      { 'content-type': 'text/csv' },
    );
    ok(imported, 201);
    ok(await asAdmin.get(`${members}/${id}/export`), 200);

    // The person signs in with the canary email and looks at their own record.
    const invite = ok(
      await asAdmin.post<{ token: string }>(`/api/v1/tenants/${lero.id}/invitations`, {
        email: CANARY.email,
        role: 'member',
        memberId: id,
      }),
      201,
    );
    const asMember = h.api.as(await h.given.acceptInvitation(invite.token, CANARY.email));
    ok(await asMember.get(`/api/v1/tenants/${lero.id}/me`), 200);
    ok(await asMember.patch(`/api/v1/tenants/${lero.id}/me`, { pathway: `${CANARY.name} walks` }), 200);
    ok(await asMember.get(`/api/v1/tenants/${lero.id}/me/export`), 200);
    expect(
      (await h.api.post('/api/v1/auth/login', { email: CANARY.email, password: 'not the password' })).status,
    ).toBe(401);

    ok(await asAdmin.request('DELETE', `${members}/${id}`), 204);
    // The erasure reaches the other services (their consumers log at trace too).
    await eventually(async () =>
      expect(
        await withClient(
          h.db.ownerUrl,
          async (c) =>
            (
              await c.query('select 1 from events.erased_members where member_key = $1', [
                erasedMemberKey(lero.id, id),
              ])
            ).rows,
        ),
      ).toHaveLength(1),
    );

    // The capture is real: the requests were logged, with their query strings dropped.
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.some((l) => l.includes(`${members}?[redacted]`))).toBe(true);
    const leaks = lines.filter((line) => NEEDLES.some((n) => line.toLowerCase().includes(n.toLowerCase())));
    expect(leaks).toEqual([]);
  });
});
