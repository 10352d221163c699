import { gunzipSync } from 'node:zlib';
import { eventually, type ApiClient, type ApiResponse } from '@hearth/testing';
import {
  bodyOf as ok,
  castInRegion,
  inLero,
  LERO_CAST,
  problemFieldsOf as fieldsOf,
  staffOfLero as staff,
  statusesOf,
  type Matrix,
  type Who,
} from './lero-cast';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { passportErasureCases } from './volunteering-passport-erasure.cases';

type Json = Record<string, unknown>;
interface Passport {
  passport: string;
  id: string;
  expiresAt: string;
  claims: Json & { credentialStatus: { statusListCredential: string; statusListIndex: string } };
  credentials: { id: string; kind: string; trainingId: string; name: string; credential: string }[];
}
interface Verdict {
  status: string;
  reason?: string;
  claims?: Json;
}
interface Issued {
  id: string;
  kind: string;
  revokedAt: string | null;
}

const ISSUER_BASE = 'http://hearth.test';
const header = (jws: string) => JSON.parse(Buffer.from(jws.split('.')[0], 'base64url').toString()) as Json;
const uuidOf = (urn: string) => urn.replace('urn:uuid:', '');

/** The volunteer passport end to end (ADR 0056): HTTP through the gateway, NATS to the volunteering service. */
describe('volunteer passports through the gateway', () => {
  let h: DistributedHearth;
  let lero: { id: string; adminToken: string };
  let other: { id: string; adminToken: string };
  let tokens: Record<Who, string | undefined>;
  let n = 0;

  const base = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}/volunteering`;
  const as = (who: Who): ApiClient => h.api.as(tokens[who]);
  const verify = async (passport: unknown) =>
    ok(await h.api.post<Verdict>('/api/v1/volunteering/passports/verify', { passport }), 200);
  const item = async (body: Json, tenantId = lero.id, token = lero.adminToken) =>
    ok(await h.api.as(token).post<{ id: string }>(`${base(tenantId)}/training`, body), 201).id;
  const record = async (
    memberId: string,
    trainingId: string,
    completedOn: string,
    tenantId = lero.id,
    token = lero.adminToken,
  ) =>
    ok(
      await h.api.as(token).post(`${base(tenantId)}/volunteers/${memberId}/training`, {
        trainingId,
        completedOn,
        how: 'certificate-seen',
      }),
      201,
    );

  /** A member with the given community roles, known to volunteering, and (when linked) their own account. */
  async function person(
    communityRoles = ['member', 'volunteer'],
    tenantId = lero.id,
    token = lero.adminToken,
  ) {
    const displayName = `Robin ${++n}`;
    const memberId = ok(
      await h.api.as(token).post<{ id: string }>(`/api/v1/tenants/${tenantId}/members`, {
        displayName,
        communityRoles,
        email: `robin-${n}@example.org`,
      }),
      201,
    ).id;
    await eventually(async () =>
      expect((await h.api.as(token).get(`${base(tenantId)}/volunteers/${memberId}/training`)).status).toBe(
        200,
      ),
    );
    const email = `robin-account-${n}@example.org`;
    const invite = await h.api.as(token).post<{ token: string }>(`/api/v1/tenants/${tenantId}/invitations`, {
      email,
      role: 'member',
      memberId,
    });
    const own = h.api.as(await h.given.acceptInvitation(ok(invite, 201).token, email));
    return { memberId, displayName, own };
  }

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

  it('gives a volunteer their own passport: what they chose, their display name and the LERO, nothing else', async () => {
    const robin = await person();
    const safeguarding = await item({ name: 'Safeguarding', kind: 'training', validityMonths: 36 });
    const dbs = await item({ name: 'DBS basic', kind: 'check', validityMonths: 36 });
    await record(robin.memberId, safeguarding, '2026-02-01');
    await record(robin.memberId, dbs, '2026-02-02');
    // Approved hours count, by role and year; pending ones do not.
    const role = ok(
      await as('coordinator').post<{ id: string }>(`${base()}/roles`, {
        title: 'Café',
        visibility: 'members',
      }),
      201,
    );
    const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const logHours = async (minutes: number) =>
      ok(
        await as('coordinator').post<{ id: string }>(`${base()}/hours`, {
          memberId: robin.memberId,
          roleId: role.id,
          date: day,
          minutes,
        }),
        201,
      ).id;
    ok(await as('coordinator').post(`${base()}/hours/${await logHours(90)}/approve`, {}), 200);
    await logHours(30);
    const mine = ok(await robin.own.get<Passport>(`${base()}/me/passport`), 200);
    expect(header(mine.passport)).toMatchObject({ alg: 'ES256', typ: 'vc+jwt' });
    expect((mine.claims.credentialSubject as { volunteerRecord: Json }).volunteerRecord.hours).toEqual([
      { role: 'Café', year: Number(day.slice(0, 4)), approvedMinutes: 90 },
    ]);
    // The DBS check (criminal-offence data) stays out unless the volunteer adds it.
    expect(mine.credentials.map((c) => c.name)).toEqual(['Safeguarding']);
    const text = JSON.stringify(mine.claims);
    expect(text).toContain(robin.displayName);
    expect(text).not.toContain(robin.memberId);
    expect(text).not.toContain('@example.org');
    expect(text).not.toContain('DBS');
    expect(mine.claims).toMatchObject({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: `${ISSUER_BASE}/api/v1/public/volunteering/issuers/${lero.id}` },
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
    });
    const withCheck = ok(
      await robin.own.get<Passport>(`${base()}/me/passport?checks=all&roles=omit&hours=omit`),
      200,
    );
    expect(
      Object.keys((withCheck.claims.credentialSubject as { volunteerRecord: Json }).volunteerRecord),
    ).toEqual(['training']);
    expect(withCheck.credentials.map((c) => c.name).sort()).toEqual(['DBS basic', 'Safeguarding']);
    const none = ok(await robin.own.get<Passport>(`${base()}/me/passport?training=none`), 200);
    expect(none.credentials).toEqual([]);

    const verdict = await verify(mine.passport);
    expect(verdict.status).toBe('valid');
    expect(verdict.claims).toEqual(mine.claims);
    for (const c of withCheck.credentials) expect((await verify(c.credential)).status).toBe('valid');
    const jwksRes = await h.api.get<{ keys: Json[] }>('/.well-known/jwks.json');
    // A verifier in a browser elsewhere may read it, as it reads the public feeds.
    expect(jwksRes.headers.get('access-control-allow-origin')).toBe('*');
    const jwks = ok(jwksRes, 200);
    expect(jwks.keys.map((k) => k.kid)).toContain(header(mine.passport).kid);
    expect(jwks.keys.every((k) => k.d === undefined && k.kty === 'EC')).toBe(true);
  });

  it('refuses a passport as an access token, and an access token as a passport', async () => {
    const robin = await person();
    const mine = ok(await robin.own.get<Passport>(`${base()}/me/passport`), 200);
    expect((await h.api.as(mine.passport).get(`${base()}/training`)).status).toBe(401);
    expect((await h.api.as(mine.passport).get(`/api/v1/tenants/${lero.id}/members`)).status).toBe(401);
    expect(await verify(lero.adminToken)).toMatchObject({ status: 'invalid' });
    const [hd, payload, sig] = mine.passport.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Json;
    const forged = `${hd}.${Buffer.from(JSON.stringify({ ...claims, name: 'x' })).toString('base64url')}.${sig}`;
    for (const bad of [forged, 'garbage', 'a.b.c', `${hd}.${payload}.`])
      expect((await verify(bad)).status).toBe('invalid');
    expect(fieldsOf(await h.api.post('/api/v1/volunteering/passports/verify', {}))).toEqual(['passport']);
    expect(fieldsOf(await h.api.post('/api/v1/volunteering/passports/verify', { passport: 42 }))).toEqual([
      'passport',
    ]);
  });

  it('revokes a passport through the LERO’s Bitstring Status List; its training credentials stay valid', async () => {
    const robin = await person();
    const aid = await item({ name: 'First aid', kind: 'training', validityMonths: 36 });
    await record(robin.memberId, aid, '2026-03-01');
    const mine = ok(await robin.own.get<Passport>(`${base()}/me/passport`), 200);
    const issued = ok(
      await as('coordinator').get<{ items: Issued[] }>(`${base()}/volunteers/${robin.memberId}/credentials`),
      200,
    );
    expect(issued.items.map((i) => i.id).sort()).toEqual(
      [uuidOf(mine.id), uuidOf(mine.credentials[0].id)].sort(),
    );
    const revoked = ok(
      await as('coordinator').post<Issued>(`${base()}/credentials/${uuidOf(mine.id)}/revoke`),
      200,
    );
    expect(revoked.revokedAt).toEqual(expect.any(String));
    // The person's export lists what was issued to them — the passport revoked — and never its content (ADR 0060).
    const exported = ok(
      await robin.own.get<{ parts: { service: string; data: Json }[] }>(
        `/api/v1/tenants/${lero.id}/me/export`,
      ),
      200,
    );
    const credentials = exported.parts.find((p) => p.service === 'volunteering')?.data.credentials as Json[];
    expect(credentials.map((c) => [c.credentialId, c.kind, c.revokedAt === null]).sort()).toEqual(
      [
        [uuidOf(mine.id), 'passport', false],
        [uuidOf(mine.credentials[0].id), 'training', true],
      ].sort(),
    );
    expect(JSON.stringify(credentials)).not.toContain(mine.passport.split('.')[1].slice(0, 40));
    expect((await verify(mine.passport)).status).toBe('revoked');
    expect((await verify(mine.credentials[0].credential)).status).toBe('valid');

    const { statusListCredential, statusListIndex } = mine.claims.credentialStatus;
    const list = await h.api.get<string>(statusListCredential.replace(ISSUER_BASE, ''));
    expect([list.status, list.headers.get('content-type')]).toEqual([
      200,
      expect.stringContaining('application/vc+jwt'),
    ]);
    expect(header(list.body)).toMatchObject({ alg: 'ES256', typ: 'vc+jwt' });
    const listClaims = JSON.parse(Buffer.from(list.body.split('.')[1], 'base64url').toString()) as {
      type: string[];
      credentialSubject: { encodedList: string; statusPurpose: string };
    };
    expect(listClaims.type).toContain('BitstringStatusListCredential');
    const bits = gunzipSync(Buffer.from(listClaims.credentialSubject.encodedList.slice(1), 'base64url'));
    expect(bits.length).toBe(16_384);
    const index = Number(statusListIndex);
    expect(bits[index >> 3] & (0x80 >> (index & 7))).not.toBe(0);
  });

  it('revokes the credentials of a training record that is corrected or removed', async () => {
    const robin = await person();
    const aid = await item({ name: 'Food hygiene', kind: 'training', validityMonths: 36 });
    const food = ok(
      await as('coordinator').post<{ id: string }>(`${base()}/volunteers/${robin.memberId}/training`, {
        trainingId: aid,
        completedOn: '2026-03-01',
        how: 'certificate-seen',
      }),
      201,
    );
    const first = ok(await robin.own.get<Passport>(`${base()}/me/passport`), 200);
    const record = `${base()}/volunteers/${robin.memberId}/training/${food.id}`;
    // A change of `how` alone keeps what the credential vouches for.
    ok(await as('coordinator').patch(record, { how: 'delivered-by-us' }), 200);
    expect((await verify(first.credentials[0].credential)).status).toBe('valid');
    ok(await as('coordinator').patch(record, { completedOn: '2026-03-02' }), 200);
    expect((await verify(first.credentials[0].credential)).status).toBe('revoked');
    // The passport stands (its issuer revokes it by hand if it should not).
    expect((await verify(first.passport)).status).toBe('valid');
    const second = ok(await robin.own.get<Passport>(`${base()}/me/passport`), 200);
    expect((await verify(second.credentials[0].credential)).status).toBe('valid');
    expect((await as('coordinator').request('DELETE', record)).status).toBe(204);
    expect((await verify(second.credentials[0].credential)).status).toBe('revoked');
  });

  it('lets a second LERO accept the passport’s training, as accepted from passport noting the issuer', async () => {
    const robin = await person();
    const safeguarding = await item({ name: 'Safeguarding', kind: 'training', validityMonths: 36 });
    await record(robin.memberId, safeguarding, '2026-04-01');
    const mine = ok(await robin.own.get<Passport>(`${base()}/me/passport`), 200);
    const theirs = await item(
      { name: 'safeguarding', kind: 'training', validityMonths: 24 },
      other.id,
      other.adminToken,
    );
    const there = await person(['volunteer'], other.id, other.adminToken);
    const importUrl = `${base(other.id)}/volunteers/${there.memberId}/training/import`;
    const imported = ok(
      await h.api
        .as(other.adminToken)
        .post<{ issuer: Json; items: Json[] }>(importUrl, { passport: mine.passport }),
      200,
    );
    expect(imported.issuer).toMatchObject({ id: expect.stringContaining(lero.id) });
    expect(imported.items).toEqual([
      expect.objectContaining({ name: 'Safeguarding', trainingId: theirs, recordId: expect.any(String) }),
    ]);
    const records = ok(
      await h.api
        .as(other.adminToken)
        .get<{ items: Json[] }>(`${base(other.id)}/volunteers/${there.memberId}/training`),
      200,
    );
    expect(records.items).toEqual([
      expect.objectContaining({
        trainingId: theirs,
        completedOn: '2026-04-01',
        expiresOn: '2028-04-01',
        how: 'accepted-from-passport',
        acceptedFrom: { id: imported.issuer.id, name: imported.issuer.name },
      }),
    ]);
    // Corrected to another `how`, the record no longer names the passport's issuer.
    const recordId = (records.items[0] as { id: string }).id;
    const corrected = ok(
      await h.api
        .as(other.adminToken)
        .patch<Json>(`${base(other.id)}/volunteers/${there.memberId}/training/${recordId}`, {
          how: 'certificate-seen',
        }),
      200,
    );
    expect(corrected).toMatchObject({ how: 'certificate-seen', acceptedFrom: null });
    ok(
      await h.api
        .as(other.adminToken)
        .patch(`${base(other.id)}/volunteers/${there.memberId}/training/${recordId}`, {
          how: 'accepted-from-passport',
        }),
      200,
    );
    const again = ok(
      await h.api.as(other.adminToken).post<{ items: Json[] }>(importUrl, { passport: mine.passport }),
      200,
    );
    expect(again.items[0]).toMatchObject({ skipped: 'already-recorded' });
    // One training credential imports alone too; a revoked passport does not.
    ok(await as('coordinator').post(`${base()}/credentials/${uuidOf(mine.id)}/revoke`), 200);
    expect(fieldsOf(await h.api.as(other.adminToken).post(importUrl, { passport: mine.passport }))).toEqual([
      'passport',
    ]);
    const single = ok(
      await h.api
        .as(other.adminToken)
        .post<{ items: Json[] }>(importUrl, { passport: mine.credentials[0].credential }),
      200,
    );
    expect(single.items[0]).toMatchObject({ skipped: 'already-recorded', trainingId: theirs });
    expect(
      fieldsOf(
        await h.api
          .as(other.adminToken)
          .post(importUrl, { passport: mine.credentials[0].credential, trainingMap: { x: 'nope' } }),
      ),
    ).toEqual(['trainingMap']);
  });

  it('answers every route, role by role', async () => {
    const robin = await person();
    const aid = await item({ name: 'Aid', kind: 'training' });
    await record(robin.memberId, aid, '2026-01-05');
    // Nobody of the cast has a member record here: the passport is only ever the caller’s own.
    await expectMatrix(inLero({}), (api) => api.get(`${base()}/me/passport`));
    expect((await robin.own.get(`${base()}/me/passport`)).status).toBe(200);
    const mine = ok(await robin.own.get<Passport>(`${base()}/me/passport`), 200);
    const importUrl = `${base()}/volunteers/${robin.memberId}/training/import`;
    await expectMatrix(inLero(staff(200)), (api) => api.post(importUrl, { passport: mine.passport }));
    await expectMatrix(inLero(staff(200)), (api) =>
      api.get(`${base()}/volunteers/${robin.memberId}/credentials`),
    );
    await expectMatrix(inLero(staff(200)), (api) =>
      api.post(`${base()}/credentials/${uuidOf(mine.id)}/revoke`),
    );
    const everyone = Object.fromEntries(LERO_CAST.map((w) => [w, 200])) as Matrix;
    await expectMatrix(everyone, (api) =>
      api.post('/api/v1/volunteering/passports/verify', { passport: mine.passport }),
    );
    await expectMatrix(everyone, (api) => api.get('/.well-known/jwks.json'));
    const listPath = mine.claims.credentialStatus.statusListCredential.replace(ISSUER_BASE, '');
    await expectMatrix(everyone, (api) => api.get(listPath));
  });

  it('answers another LERO’s ids as it answers missing ones', async () => {
    const robin = await person();
    const mine = ok(await robin.own.get<Passport>(`${base()}/me/passport`), 200);
    const theirs = await person(['volunteer'], other.id, other.adminToken);
    const missing = '01900000-0000-7000-8000-00000000dead';
    const theirAdmin = h.api.as(other.adminToken);
    for (const id of [uuidOf(mine.id), missing])
      expect((await theirAdmin.post(`${base(other.id)}/credentials/${id}/revoke`)).status).toBe(404);
    // Another LERO's member, and a member nobody has, are both not found (the fuzzer's nil id too).
    for (const id of [robin.memberId, missing, '00000000-0000-0000-0000-000000000000'])
      expect((await theirAdmin.get(`${base(other.id)}/volunteers/${id}/credentials`)).status).toBe(404);
    for (const id of [theirs.memberId, missing])
      expect(
        (
          await as('coordinator').post(`${base()}/volunteers/${id}/training/import`, {
            passport: mine.passport,
          })
        ).status,
      ).toBe(404);
    const listId = mine.claims.credentialStatus.statusListCredential.split('/').pop();
    expect(
      (await h.api.get(`/api/v1/public/volunteering/issuers/${other.id}/status-lists/${listId}`)).status,
    ).toBe(404);
    expect(
      (await h.api.get(`/api/v1/public/volunteering/issuers/${lero.id}/status-lists/${missing}`)).status,
    ).toBe(404);
    expect((await verify(mine.passport)).status).toBe('valid');
  });

  it('refuses a passport to someone who is not an active volunteer, and names a bad choice', async () => {
    const notOne = await person(['member']);
    const refused = await notOne.own.get<Json>(`${base()}/me/passport`);
    expect([refused.status, refused.body.reason]).toEqual([409, 'NotAVolunteer']);
    const robin = await person();
    for (const [query, field] of [
      ['training=some', 'training'],
      ['checks=01900000-0000-7000-8000-00000000dead', 'checks'],
      ['roles=maybe', 'roles'],
      ['hours=all', 'hours'],
      ['colour=blue', 'colour'],
    ])
      expect(fieldsOf(await robin.own.get(`${base()}/me/passport?${query}`))).toEqual([field]);
  });

  passportErasureCases(() => ({ h, lero, person }));
});
