import { eventually, pdfTextLines } from '@hearth/testing';
import {
  bodyOf as ok,
  castInRegion,
  inLero,
  LERO_CAST,
  problemFieldsOf as fieldsOf,
  statusesOf,
  type Matrix,
  type Who,
} from './lero-cast';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

interface Status {
  id: string;
  kind: string;
  issuer: { id: string };
  status: string;
}

/**
 * The letter of volunteering (ADR 0064): a PDF of the volunteer's own record with the QR code of a link whose
 * public page checks the passport issued with it; and that public check.
 */
describe('the letter of volunteering through the gateway', () => {
  let h: DistributedHearth;
  let lero: { id: string; adminToken: string };
  let other: { id: string; adminToken: string };
  let tokens: Record<Who, string | undefined>;
  let robin: { memberId: string; token: string };

  const base = (tenantId = lero.id) => `/api/v1/tenants/${tenantId}/volunteering`;
  const status = (tenantId: string, id: string) =>
    `/api/v1/public/volunteering/issuers/${tenantId}/credentials/${id}`;
  const pdf = async (token: string, query = '') => {
    const res = await fetch(`${h.api.baseUrl}${base()}/me/record.pdf${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    h = await startDistributedHearth();
    ({ tokens, lero, other } = await castInRegion(h));
    const admin = h.api.as(lero.adminToken);
    const memberId = ok(
      await admin.post<{ id: string }>(`/api/v1/tenants/${lero.id}/members`, {
        displayName: 'Robin Letter',
        communityRoles: ['member', 'volunteer'],
        email: 'robin-letter@example.org',
      }),
      201,
    ).id;
    await eventually(async () =>
      expect((await admin.get(`${base()}/volunteers/${memberId}/training`)).status).toBe(200),
    );
    const invite = await admin.post<{ token: string }>(`/api/v1/tenants/${lero.id}/invitations`, {
      email: 'robin-letter-account@example.org',
      role: 'member',
      memberId,
    });
    const token = await h.given.acceptInvitation(ok(invite, 201).token, 'robin-letter-account@example.org');
    robin = { memberId, token };
    const item = async (name: string, kind: string) =>
      ok(await admin.post<{ id: string }>(`${base()}/training`, { name, kind, validityMonths: 36 }), 201).id;
    const record = async (trainingId: string) =>
      ok(
        await admin.post(`${base()}/volunteers/${memberId}/training`, {
          trainingId,
          completedOn: '2026-02-01',
          how: 'certificate-seen',
        }),
        201,
      );
    await record(await item('Safeguarding', 'training'));
    await record(await item('DBS basic', 'check'));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('gives the volunteer a PDF letter of what they chose, with the QR code of a working check link', async () => {
    const { res, body } = await pdf(robin.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="letter-of-volunteering-/);
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const lines = pdfTextLines(body);
    const text = lines.join('\n');
    expect(text).toContain('confirms that Robin Letter volunteers with us');
    expect(text).toContain('Safeguarding (training): completed 2026-02-01');
    // A check is left out unless the volunteer adds it (criminal-offence data).
    expect(text).not.toContain('DBS basic');
    expect(body.toString('latin1')).toMatch(/\/Subtype \/Image/);
    const link = /https?:\/\/\S+?\/passports\/check\/([0-9a-f-]{36})\/([0-9a-f-]{36})/.exec(lines.join(''));
    expect(link?.[1]).toBe(lero.id);
    const checked = ok(await h.api.get<Status>(status(link![1], link![2])), 200);
    expect(checked).toEqual({
      id: link![2],
      kind: 'passport',
      issuer: { id: expect.stringContaining(`/issuers/${lero.id}`) as string },
      issuedAt: expect.any(String) as string,
      expiresAt: expect.any(String) as string,
      status: 'valid',
    });
    expect(JSON.stringify(checked)).not.toContain(robin.memberId);
    // The LERO revokes it: the link says so.
    ok(await h.api.as(lero.adminToken).post(`${base()}/credentials/${link![2]}/revoke`), 200);
    expect(ok(await h.api.get<Status>(status(lero.id, link![2])), 200).status).toBe('revoked');
    // Another LERO's id for it, or an id nobody issued, is missing.
    expect((await h.api.get(status(other.id, link![2]))).status).toBe(404);
    expect((await h.api.get(status(lero.id, '4f1c1d7e-2f0a-4a47-9a4b-3f3f0f6b9c11'))).status).toBe(404);
    expect(fieldsOf(await h.api.get(status(lero.id, 'nope')))).toEqual(['credentialId']);
  });

  it('holds checks and leaves out roles and hours as the volunteer chooses', async () => {
    const { body } = await pdf(robin.token, '?checks=all&roles=omit&hours=omit');
    const text = pdfTextLines(body).join('\n');
    expect(text).toContain('DBS basic (check): completed 2026-02-01');
    expect(text.match(/Not included\./g)).toHaveLength(2);
    const { res } = await pdf(robin.token, '?training=nope');
    expect(res.status).toBe(400);
  });

  it('is only ever the caller’s own: everyone else is refused, role by role', async () => {
    const matrix = await statusesOf(
      (who) => h.api.as(tokens[who]),
      (api) => api.get(`${base()}/me/record.pdf`),
    );
    // Nobody of the cast has a member record here.
    expect(matrix).toEqual(inLero({}));
    const everyone = Object.fromEntries(LERO_CAST.map((w) => [w, 404])) as Matrix;
    expect(
      await statusesOf(
        (who) => h.api.as(tokens[who]),
        (api) => api.get(status(lero.id, '4f1c1d7e-2f0a-4a47-9a4b-3f3f0f6b9c11')),
      ),
    ).toEqual(everyone);
  });
});
