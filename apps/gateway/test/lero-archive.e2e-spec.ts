import { unzipSync } from 'fflate';
import { parse } from 'csv-parse/sync';
import { eventually, type ApiResponse } from '@hearth/testing';
import { londonWallClock, startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { givenAdvocacy, givenVolunteering } from './lero-archive.given';

type Json = Record<string, unknown>;
type Csv = Record<string, string>[];

const MINUTE = 60_000;
const DAY = 86_400_000;
const MANY = 1050;

/**
 * A LERO's whole archive (`GET /tenants/{id}/export.zip`, ADR 0034) end to end: the tenants service starts and
 * audits it, membership, events and volunteering answer it page by page over NATS, reporting gives the LERO's own
 * figures, and the gateway streams one zip.
 */
describe('a LERO’s archive through the gateway', () => {
  let h: DistributedHearth;
  let platformAdmin: string;
  let region: { id: string; slug: string };
  let lero: { id: string; slug: string; adminToken: string };
  let other: { id: string; slug: string; adminToken: string };
  const tokens: Record<string, string | undefined> = {};
  let formula: string;
  let erased: string;
  let session: string;
  let theirMember: string;
  let volunteering: { trainingId: string; roleId: string; shiftId: string };
  let advocacy: { seatId: string; askId: string; meetingId: string };

  const base = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}`;
  const ok = <T>(res: ApiResponse<T>, status: number): T => {
    if (res.status !== status)
      throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** The archive as bytes, with its status and headers. */
  const download = async (token: string | undefined, tenantId = lero.id) => {
    const res = await fetch(`${h.api.baseUrl}${base(tenantId)}/export.zip`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  };
  const files = (zip: Buffer) => {
    const entries = unzipSync(new Uint8Array(zip));
    return Object.fromEntries(
      Object.entries(entries).map(([name, data]) => [name, Buffer.from(data).toString()]),
    );
  };
  const csv = (text: string) => parse(text, { columns: true, bom: true }) as Csv;

  async function regionUser(role: 'region-admin' | 'commissioner'): Promise<string> {
    const email = `${role}-${region.slug}@archive.example.org`;
    const invite = await h.api
      .as(platformAdmin)
      .post<{ token: string }>(`/api/v1/regions/${region.id}/invitations`, { email, role });
    return h.given.acceptInvitation(ok(invite, 201).token, email);
  }

  async function sessionEndedTenMinutesAgo(tenantId: string, token: string): Promise<string> {
    const start = new Date(Date.now() - 70 * MINUTE);
    const a = ok(
      await h.api.as(token).post<{ id: string }>(`${base(tenantId)}/activities`, {
        title: '+Drop-in café',
        category: 'peer-support',
        visibility: 'members',
        location: { name: 'St Mark’s hall', postcode: 'NE1 1AA' },
        schedule: { startsAt: londonWallClock(start), durationMinutes: 60 },
      }),
      201,
    );
    const from = encodeURIComponent(new Date(start.getTime() - DAY).toISOString());
    return ok(
      await h.api
        .as(token)
        .get<{ items: { id: string }[] }>(`${base(tenantId)}/sessions?activityId=${a.id}&from=${from}`),
      200,
    ).items[0].id;
  }

  beforeAll(async () => {
    h = await startDistributedHearth();
    platformAdmin = await h.given.platformAdmin();
    region = await h.given.region(platformAdmin);
    lero = await h.given.lero(region.id, platformAdmin);
    other = await h.given.lero(region.id, platformAdmin);
    Object.assign(tokens, {
      'tenant-admin': lero.adminToken,
      'platform admin': platformAdmin,
      'region admin': await regionUser('region-admin'),
      commissioner: await regionUser('commissioner'),
      'another LERO’s admin': other.adminToken,
      anonymous: undefined,
    });
    for (const role of ['coordinator', 'volunteer', 'member'])
      tokens[role] = (await h.given.tenantUser(lero.id, role, lero.adminToken)).token;
    const admin = h.api.as(lero.adminToken);
    // More members than one page holds, so the archive is gathered a page at a time.
    const many = ['displayName', ...Array.from({ length: MANY }, (_, i) => `Member ${i}`)].join('\n');
    ok(await admin.request('POST', `${base()}/members/import`, many, { 'content-type': 'text/csv' }), 201);
    formula = ok(
      await admin.post<{ id: string }>(`${base()}/members`, {
        displayName: '=HYPERLINK("http://evil.example","Click")',
        phone: '+44 7700 900123',
        notes: '@everyone knows her',
        communityRoles: ['member', 'volunteer'],
        consents: { contact: true, photos: false, shareStoriesAnonymously: true },
      }),
      201,
    ).id;
    erased = ok(await admin.post<{ id: string }>(`${base()}/members`, { displayName: 'Soon gone' }), 201).id;
    session = await sessionEndedTenMinutesAgo(lero.id, lero.adminToken);
    for (const memberId of [formula, erased])
      ok(await admin.post(`${base()}/sessions/${session}/attendance`, { memberId }), 201);
    ok(await admin.post(`${base()}/sessions/${session}/walk-ins`, { count: 4 }), 201);
    ok(await admin.request('DELETE', `${base()}/members/${erased}`), 204);
    theirMember = ok(
      await h.api.as(other.adminToken).post<{ id: string }>(`${base(other.id)}/members`, {
        displayName: 'Someone of another LERO',
      }),
      201,
    ).id;
    // The erasure reaches the events service as a domain event: wait until its register no longer names them.
    await eventually(
      async () => {
        const register = ok(
          await admin.get<{ formerMembers: number }>(`${base()}/sessions/${session}/attendance`),
          200,
        );
        expect(register.formerMembers).toBe(1);
      },
      { timeoutMs: 20_000 },
    );
    // Volunteering: the member with the volunteer role trained, signed up, logged hours and said they were interested.
    volunteering = await givenVolunteering(h, lero, formula);
    advocacy = await givenAdvocacy(h, lero);
    // The figures are projected from events: wait until the LERO's own report has the session.
    const month = londonWallClock(new Date(Date.now() - 70 * MINUTE)).slice(0, 7);
    await eventually(
      async () => {
        const own = ok(
          await admin.get<{ totals: Record<string, { values: Record<string, { value: number }> }> }>(
            `${base()}/reports/impact?period=month&from=${month}&to=${month}`,
          ),
          200,
        );
        expect(own.totals[month].values.attendances.value).toBe(6);
      },
      { timeoutMs: 20_000 },
    );
  });

  afterAll(async () => {
    await h?.close();
  });

  it('gives a tenant-admin every part of the LERO as CSV in one zip, with a README and the manifest last', async () => {
    const res = await download(lero.adminToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="${lero.slug}-hearth-archive-\\d{4}-\\d{2}-\\d{2}\\.zip"$`),
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const archive = files(res.body);
    expect(Object.keys(archive)).toEqual([
      'members.csv',
      'consents.csv',
      'activities.csv',
      'sessions.csv',
      'rsvps.csv',
      'attendance.csv',
      'volunteering-training.csv',
      'volunteering-roles.csv',
      'volunteering-shifts.csv',
      'volunteering-training-records.csv',
      'volunteering-signups.csv',
      'volunteering-hours.csv',
      'volunteering-credentials.csv',
      'volunteering-interests.csv',
      'advocacy-asks.csv',
      'advocacy-ask-updates.csv',
      'advocacy-seats.csv',
      'advocacy-meetings.csv',
      'figures-by-month.csv',
      'figures-by-month-and-category.csv',
      'README.txt',
      'manifest.json',
    ]);
    const members = csv(archive['members.csv']);
    // Every member but the erased one, across more than one page, each once.
    expect(members).toHaveLength(MANY + 1);
    expect(new Set(members.map((m) => m.id)).size).toBe(MANY + 1);
    expect(members.map((m) => m.id)).not.toContain(erased);
    const ours = members.find((m) => m.id === formula)!;
    // Cells a spreadsheet would run as formulas are prefixed with '.
    expect(ours).toMatchObject({
      displayName: `'=HYPERLINK("http://evil.example","Click")`,
      phone: `'+44 7700 900123`,
      notes: `'@everyone knows her`,
      communityRoles: 'member;volunteer',
      consentContact: 'true',
      consentPhotos: 'false',
      consentShareStoriesAnonymously: 'true',
      status: 'active',
    });
    expect(ours.joinedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const consents = csv(archive['consents.csv']).filter((c) => c.memberId === formula);
    expect(consents.map((c) => [c.consent, c.given]).sort()).toEqual([
      ['contact', 'true'],
      ['photos', 'false'],
      ['shareStoriesAnonymously', 'true'],
    ]);
    const [activity] = csv(archive['activities.csv']);
    expect(activity).toMatchObject({
      title: `'+Drop-in café`,
      placeName: 'St Mark’s hall',
      postcode: 'NE1 1AA',
    });
    expect(csv(archive['sessions.csv'])).toEqual([
      expect.objectContaining({ id: session, activityId: activity.id, membersCheckedIn: '2', walkIns: '4' }),
    ]);
    // The erased member still counts, named by nothing.
    expect(
      csv(archive['attendance.csv'])
        .map((a) => [a.sessionId, a.memberId])
        .sort(),
    ).toEqual([
      [session, ''],
      [session, formula],
    ]);
    // Volunteering's parts, linked by ids to each other and to members.csv.
    expect(csv(archive['volunteering-training.csv'])).toEqual([
      expect.objectContaining({ id: volunteering.trainingId, name: 'Safeguarding', kind: 'training' }),
    ]);
    expect(csv(archive['volunteering-roles.csv'])).toEqual([
      expect.objectContaining({
        id: volunteering.roleId,
        skills: 'listening;map reading',
        requirementIds: volunteering.trainingId,
        visibility: 'public',
      }),
    ]);
    expect(csv(archive['volunteering-shifts.csv'])).toEqual([
      expect.objectContaining({ id: volunteering.shiftId, roleId: volunteering.roleId, capacity: '4' }),
    ]);
    expect(csv(archive['volunteering-training-records.csv'])).toEqual([
      expect.objectContaining({
        memberId: formula,
        trainingId: volunteering.trainingId,
        how: 'delivered-by-us',
        verifiedBy: expect.stringMatching(/^[0-9a-f-]{36}$/),
      }),
    ]);
    expect(csv(archive['volunteering-signups.csv'])).toEqual([
      expect.objectContaining({
        shiftId: volunteering.shiftId,
        memberId: formula,
        status: 'confirmed',
        lateCancel: 'false',
      }),
    ]);
    expect(csv(archive['volunteering-hours.csv'])).toEqual([
      expect.objectContaining({
        memberId: formula,
        roleId: volunteering.roleId,
        source: 'logged',
        minutes: '90',
        approvedMinutes: '60',
        status: 'approved',
        description: 'Led the Tuesday walk',
        decidedBy: expect.stringMatching(/^[0-9a-f-]{36}$/),
      }),
    ]);
    expect(archive['README.txt']).toContain('volunteering-signups.csv (1 row)');
    expect(csv(archive['volunteering-interests.csv'])).toEqual([
      expect.objectContaining({
        roleId: volunteering.roleId,
        memberId: formula,
        note: 'Tea',
        outcome: 'became-volunteer',
      }),
    ]);
    expect(archive['README.txt']).toContain('volunteering-hours.csv (1 row)');
    expect(archive['README.txt']).toContain('volunteering-interests.csv (1 row)');
    // Advocacy (ADR 0075): the ask (its formula-like text prefixed), its timeline, the seat, the meeting with it.
    expect(csv(archive['advocacy-asks.csv'])).toEqual([
      expect.objectContaining({ id: advocacy.askId, what: `'+Naloxone in every hostel`, status: 'raised' }),
    ]);
    expect(csv(archive['advocacy-ask-updates.csv'])).toEqual([
      expect.objectContaining({ askId: advocacy.askId, status: 'raised' }),
    ]);
    expect(csv(archive['advocacy-seats.csv'])).toEqual([
      expect.objectContaining({ id: advocacy.seatId, role: 'member', since: '2025-04-01', until: '' }),
    ]);
    expect(csv(archive['advocacy-meetings.csv'])).toEqual([
      expect.objectContaining({ id: advocacy.meetingId, seatId: advocacy.seatId, askIds: advocacy.askId }),
    ]);
    expect(archive['README.txt']).toContain('advocacy-meetings.csv (1 row)');
    const month = londonWallClock(new Date(Date.now() - 70 * MINUTE)).slice(0, 7);
    const figures = csv(archive['figures-by-month.csv']);
    expect(figures.find((f) => f.month === month)).toMatchObject({ attendances: '6', walkIns: '4' });
    expect(csv(archive['figures-by-month-and-category.csv'])).toContainEqual(
      expect.objectContaining({ month, category: 'peer-support', attendances: '6' }),
    );
    const manifest = JSON.parse(archive['manifest.json']) as { lero: Json; files: Json[] };
    expect(manifest.lero).toMatchObject({ id: lero.id, slug: lero.slug });
    expect(manifest.files).toContainEqual(expect.objectContaining({ name: 'members.csv', rows: MANY + 1 }));
    expect(archive['README.txt']).toContain(`members.csv (${MANY + 1} rows)`);
    // Nothing of another LERO.
    expect(JSON.stringify(archive)).not.toContain(theirMember);
    expect(JSON.stringify(archive)).not.toContain('Someone of another LERO');
  });

  it('records each download in the LERO’s activity log', async () => {
    const before = await auditCount();
    expect((await download(lero.adminToken)).status).toBe(200);
    expect(await auditCount()).toBe(before + 1);
  });

  async function auditCount(): Promise<number> {
    const log = ok(
      await h.api.as(lero.adminToken).get<{ items: { action: string }[] }>(`${base()}/audit?limit=100`),
      200,
    );
    return log.items.filter((e) => e.action === 'tenant.exported').length;
  }

  it('is for the LERO’s tenant-admins only: everyone else is refused, outsiders as for a LERO that does not exist', async () => {
    const got: Record<string, number> = {};
    for (const [who, token] of Object.entries(tokens)) {
      const res = await download(token);
      got[who] = res.status;
      if (res.status >= 400)
        expect([who, res.headers.get('content-type')]).toEqual([
          who,
          'application/problem+json; charset=utf-8',
        ]);
    }
    expect(got).toEqual({
      'tenant-admin': 200,
      coordinator: 403,
      volunteer: 403,
      member: 403,
      'platform admin': 403,
      'region admin': 403,
      commissioner: 404,
      'another LERO’s admin': 404,
      anonymous: 401,
    });
  });

  it('answers another LERO’s id exactly like one that does not exist, and a bad id with 400', async () => {
    const strip = ({ requestId: _r, instance: _i, ...rest }: Json) => rest;
    const theirs = await h.api.as(lero.adminToken).get<Json>(`${base(other.id)}/export.zip`);
    const missing = await h.api
      .as(lero.adminToken)
      .get<Json>(`${base('01900000-0000-7000-8000-000000000000')}/export.zip`);
    expect([theirs.status, missing.status]).toEqual([404, 404]);
    expect(strip(theirs.body)).toEqual(strip(missing.body));
    const bad = await h.api.as(lero.adminToken).get<Json>(`${base('not-a-uuid')}/export.zip`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ field: 'tenantId', message: 'must be a UUID' }] });
    // Their own archive holds their own member and nothing of this LERO.
    const their = files((await download(other.adminToken, other.id)).body);
    expect(csv(their['members.csv']).map((m) => m.id)).toEqual([theirMember]);
    expect(csv(their['attendance.csv'])).toEqual([]);
    expect(csv(their['volunteering-signups.csv'])).toEqual([]);
    expect(csv(their['volunteering-hours.csv'])).toEqual([]);
    expect(csv(their['volunteering-credentials.csv'])).toEqual([]);
    expect(csv(their['volunteering-interests.csv'])).toEqual([]);
    for (const part of ['advocacy-asks', 'advocacy-ask-updates', 'advocacy-seats', 'advocacy-meetings'])
      expect(csv(their[`${part}.csv`])).toEqual([]);
  });

  // Last: it stops the events service.
  it('answers 503 before sending anything when a service that holds a part is down, and records the attempt', async () => {
    const before = await auditCount();
    await h.stopEvents();
    const res = await download(lero.adminToken);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await auditCount()).toBe(before + 1);
  });
});
