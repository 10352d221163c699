import { Writable } from 'node:stream';
import { EventsEvents } from '@hearth/contracts';
import { eventually, withClient, type ApiClient } from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { erasedMemberKey } from '../../events/src';

type Json = Record<string, unknown>;

const londonWallClock = (d: Date) =>
  d.toLocaleString('sv-SE', { timeZone: 'Europe/London', hour12: false }).replace(' ', 'T').slice(0, 16);

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
    // They come to a session (checked in: reporting counts them under a participant key) and book the next.
    const sessionIn = async (minutes: number) => {
      const start = new Date(Date.now() + minutes * 60_000);
      const activity = ok(
        await asAdmin.post<{ id: string }>(`/api/v1/tenants/${lero.id}/activities`, {
          title: `Peer support ${minutes}`,
          category: 'peer-support',
          visibility: 'members',
          schedule: { startsAt: londonWallClock(start), durationMinutes: 60 },
        }),
        201,
      );
      const from = encodeURIComponent(new Date(start.getTime() - 86_400_000).toISOString());
      const page = ok(
        await asAdmin.get<{ items: { id: string }[] }>(
          `/api/v1/tenants/${lero.id}/sessions?activityId=${activity.id}&from=${from}`,
        ),
        200,
      );
      return `/api/v1/tenants/${lero.id}/sessions/${page.items[0].id}`;
    };
    const tonight = await sessionIn(5);
    ok(await asAdmin.post(`${tonight}/attendance`, { memberId: id }), 201);
    ok(await asMember.post(`${await sessionIn(24 * 60)}/rsvps`, { memberId: id }), 201);
    const participantKey = await withClient(
      h.db.ownerUrl,
      async (c) =>
        (
          await c.query<{ key: string }>(
            `select payload->>'participantKey' as key from events.outbox where subject = $1`,
            [EventsEvents.attendanceRecorded],
          )
        ).rows[0].key,
    );
    expect(
      (await h.api.post('/api/v1/auth/login', { email: CANARY.email, password: 'not the password' })).status,
    ).toBe(401);

    // Every record of the canary is erased: theirs, and the one imported with their name.
    const records = await withClient(
      h.db.ownerUrl,
      async (c) =>
        (await c.query<{ id: string }>(`select id from membership.members where tenant_id = $1`, [lero.id]))
          .rows,
    );
    expect(records.map((r) => r.id)).toContain(id);
    for (const record of records) ok(await asAdmin.request('DELETE', `${members}/${record.id}`), 204);
    // The erasure reaches the other services (their consumers log at trace too): events, tenants, and reporting
    // through events (the participant key).
    const applied = (sql: string, params: unknown[]) =>
      withClient(h.db.ownerUrl, async (c) => (await c.query(sql, params)).rows.length);
    await eventually(async () => {
      expect(
        await applied('select 1 from events.erased_members where member_key = $1', [
          erasedMemberKey(lero.id, id),
        ]),
      ).toBe(1);
      expect(await applied('select 1 from tenants.erased_members where tenant_id = $1', [lero.id])).toBe(
        records.length,
      );
      expect(
        await applied(`select 1 from reporting.erased_keys where tenant_id = $1 and kind = 'participant'`, [
          lero.id,
        ]),
      ).toBe(records.length);
    });

    // A dump of every row of every table of every service holds no trace of the canary: not their details, not
    // their account's email; their member id and participant key only where the erasure's facts must carry
    // them (membership's tombstone of the record and its audit entries, and the outboxes, whose events go with
    // the retention schedule, ADR 0019).
    const MAY_HOLD_IDS = /^(membership\.(members|audit_entries)|\w+\.outbox)$/;
    const traces = await withClient(h.db.ownerUrl, async (c) => {
      const tables = await c.query<{ name: string }>(
        `select table_schema || '.' || table_name as name from information_schema.tables
          where table_schema in ('tenants', 'membership', 'events', 'reporting') and table_type = 'BASE TABLE'
          order by 1`,
      );
      expect(tables.rows.length).toBeGreaterThan(30);
      const found: string[] = [];
      for (const { name } of tables.rows) {
        const rows = await c.query<{ t: string }>(`select t::text as t from ${name} t`);
        for (const { t } of rows.rows) {
          const row = t.toLowerCase();
          for (const needle of [...NEEDLES, CANARY.email])
            if (row.includes(needle.toLowerCase())) found.push(`${name}: ${needle}`);
          if (!MAY_HOLD_IDS.test(name))
            for (const [what, value] of [
              ['member id', id],
              ['participant key', participantKey],
            ])
              if (t.includes(value)) found.push(`${name}: ${what}`);
        }
      }
      return found;
    });
    expect(participantKey).toEqual(expect.any(String));
    expect([...new Set(traces)]).toEqual([]);

    // The capture is real: the requests were logged, with their query strings dropped.
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.some((l) => l.includes(`${members}?[redacted]`))).toBe(true);
    const leaks = lines.filter((line) => NEEDLES.some((n) => line.toLowerCase().includes(n.toLowerCase())));
    expect(leaks).toEqual([]);
  });
});
