import { Client } from 'pg';
import { eventually, UUID_V4 } from '@hearth/testing';
import { solveChallenge } from '../../advocacy/src';
import {
  answersOf,
  capturedLogs,
  consultationBody,
  expectNoOneNamed,
  expectStoredAnonymously,
  IDENTITY_KEYS,
  linkedMember,
} from './advocacy-fixture';
import { bodyOf as ok, castInRegion } from './lero-cast';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
interface Results {
  shown: boolean;
  responses: number | null;
  questions: { key: string; counts: number[]; texts?: string[]; published?: string[] }[];
}

/** Responses an hour from one address through public links, in this suite. */
const PUBLIC_LIMIT = 9;

/**
 * The "Done when" for consultations (ADR 0062): a region's consultation across two LEROs, twelve members
 * responding through their own LERO, results only from five, and nothing — answers, log lines, events, audit —
 * that ties a response to a person.
 */
describe('anonymous responses to a region’s consultation, through the gateway', () => {
  let h: DistributedHearth;
  let owner: Client;
  const { lines, destination: capture } = capturedLogs();

  beforeAll(async () => {
    h = await startDistributedHearth({
      logLevel: 'trace',
      logDestination: capture,
      advocacy: { answerBatchSize: 5, proofOfWorkBits: 6 },
      publicResponseRateLimit: PUBLIC_LIMIT,
    });
    owner = new Client({ connectionString: h.db.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await h?.close();
  });

  it('twelve members of two LEROs respond to a region’s consultation; figures from five; nothing names them', async () => {
    const { tokens, region, lero, other } = await castInRegion(h);
    const regionAdmin = h.api.as(tokens['region admin']);
    // Members and their accounts exist before the opening, so their responses count.
    const members = [];
    for (const l of [lero, other])
      for (let i = 0; i < 6; i++) members.push({ ...(await linkedMember(h, l)), lero: l });

    const base = `/api/v1/regions/${region.id}/advocacy/consultations`;
    const draft = ok(
      await regionAdmin.post<{ id: string }>(base, consultationBody({ audience: 'region' })),
      201,
    );
    expect(ok(await regionAdmin.post<Json>(`${base}/${draft.id}/open`), 200)).toMatchObject({
      status: 'open',
      owner: 'region',
    });
    const respondPath = (tenantId: string) =>
      `/api/v1/tenants/${tenantId}/advocacy/consultations/${draft.id}/responses`;
    const results = async (token = tokens['region admin']) =>
      ok(await h.api.as(token).get<Results>(`${base}/${draft.id}/results`), 200);
    const auditOf = async (l: { id: string; adminToken: string }) =>
      JSON.stringify(
        ok(await h.api.as(l.adminToken).get<Json>(`/api/v1/tenants/${l.id}/audit?limit=100`), 200),
      );
    const auditBefore = [await auditOf(lero), await auditOf(other)];

    for (const [i, m] of members.entries()) {
      const from = lines.length;
      const res = await h.api.as(m.token).post<Json>(respondPath(m.lero.id), answersOf(i % 2, `note ${i}`));
      expect([res.status, res.body]).toEqual([201, { received: true }]);
      // A request just after, whose line shows the capture holds the response's lines.
      ok(await h.api.as(m.token).get(`/api/v1/tenants/${m.lero.id}/advocacy/consultations?limit=1`), 200);
      await expectNoOneNamed(lines, from, m);
      // Results only from five responses: below, no figure at all.
      if (i === 3)
        expect(await results()).toEqual(expect.objectContaining({ shown: false, responses: null }));
      if (i === 4) expect(await results()).toMatchObject({ shown: true, responses: 5 });
    }
    // Ten counted in two batches of five; two wait for the close.
    expect(await results()).toMatchObject({ shown: true, responses: 10 });
    const again = await h.api.as(members[0].token).post<Json>(respondPath(lero.id), answersOf(0));
    expect([again.status, again.body.reason]).toEqual([409, 'AlreadyResponded']);
    ok(await regionAdmin.post(`${base}/${draft.id}/close`), 200);
    const final = await results();
    expect(final).toMatchObject({ shown: true, responses: 12 });
    expect(final.questions[0].counts).toEqual([6, 6]);
    expect(final.questions[2].texts).toHaveLength(12);
    // The region's admin publishes the free text as reviewed and edited (ADR 0067).
    const reviewed = ['Evening hours, please.', 'More notice of changes.'];
    expect(
      ok(
        await regionAdmin.request<Json>('PUT', `${base}/${draft.id}/published-texts/q3`, { texts: reviewed }),
        200,
      ),
    ).toEqual({ consultationId: draft.id, question: 'q3', texts: reviewed });
    expect(
      (
        await h.api
          .as(tokens.commissioner)
          .request('PUT', `${base}/${draft.id}/published-texts/q3`, { texts: [] })
      ).status,
    ).toBe(403);
    // The commissioner: counts and the published texts, never the raw free text.
    const counts = await results(tokens.commissioner);
    expect(counts).toMatchObject({ shown: true, responses: 12 });
    expect(counts.questions[2].texts).toBeUndefined();
    expect(counts.questions[2].published).toEqual(reviewed);

    // What the database keeps: v4 ids, no respondent, answers written in other transactions than the hashes; and
    // no event per response: the outbox has the opening and the closing only.
    await expectStoredAnonymously(owner, draft.id, members);
    // No audit entry of either LERO was made by a response.
    expect([await auditOf(lero), await auditOf(other)]).toEqual(auditBefore);
  });

  it('takes public-link responses from anyone: bot checks, one batch path, no log line, a limit per address (ADR 0067)', async () => {
    const { tokens, region } = await castInRegion(h);
    const admin = tokens['region admin']!;
    const base = `/api/v1/regions/${region.id}/advocacy/consultations`;
    const c = ok(
      await h.api.as(admin).post<{ id: string }>(base, consultationBody({ audience: 'public' })),
      201,
    );
    ok(await h.api.as(admin).post(`${base}/${c.id}/open`), 200);
    const path = `/api/v1/public/consultations/${c.id}`;
    const solved = async () => {
      const read = ok(await h.api.get<{ proofOfWork: { challenge: string; difficulty: number } }>(path), 200);
      const { challenge, difficulty } = read.proofOfWork;
      return { challenge, nonce: solveChallenge(challenge, difficulty) };
    };
    const from = lines.length;
    const problem = async (body: Json) => {
      const res = await h.api.post<Json & { errors?: { field: string }[] }>(`${path}/responses`, body);
      expect(res.headers.get('content-type')).toContain('problem+json');
      return [res.status, ...(res.body.errors ?? []).map((e) => e.field)];
    };
    const pow = await solved();
    expect(await problem({ ...answersOf(0), ...pow, website: 'https://spam.example' })).toEqual([
      400,
      'website',
    ]);
    expect(
      await problem({ ...answersOf(0), ...pow, nonce: solveChallenge(pow.challenge, 6, false) }),
    ).toEqual([400, 'nonce']);
    expect(await problem({ ...answersOf(0), challenge: `${pow.challenge}x`, nonce: pow.nonce })).toEqual([
      400,
      'challenge',
    ]);
    for (let i = 0; i < 5; i += 1)
      expect(
        ok(
          await h.api.post(`${path}/responses`, {
            ...answersOf(i % 2, `public ${i}`),
            ...(i ? await solved() : pow),
          }),
          201,
        ),
      ).toEqual({
        received: true,
      });
    expect(await problem({ ...answersOf(0), ...pow })).toEqual([400, 'challenge']); // used once already
    // Five in one batch: figures shown, v4 ids, no hash row; the outbox has the opening only.
    expect(ok(await h.api.as(admin).get<Results>(`${base}/${c.id}/results`), 200)).toMatchObject({
      shown: true,
      responses: 5,
    });
    const ids = await owner.query<{ id: string }>(
      'select id from advocacy.answers where consultation_id = $1',
      [c.id],
    );
    expect(ids.rows.map((row) => row.id)).toEqual(
      Array.from({ length: 5 }, () => expect.stringMatching(UUID_V4)),
    );
    expect(
      (await owner.query('select 1 from advocacy.respondents where consultation_id = $1', [c.id])).rowCount,
    ).toBe(0);
    const events = await owner.query<{ subject: string }>(
      `select subject from advocacy.outbox where payload->>'consultationId' = $1`,
      [c.id],
    );
    expect(events.rows.map((e) => e.subject)).toEqual(['evt.advocacy.consultation.opened']);
    // Nine attempts (the refused ones count too): the tenth from this address is refused.
    const limited = await h.api.post<Json>(`${path}/responses`, { ...answersOf(0), ...(await solved()) });
    expect([limited.status, limited.body.code, limited.headers.get('content-type')]).toEqual([
      429,
      'RATE_LIMITED',
      expect.stringContaining('problem+json'),
    ]);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // No log line of any app names a response request, an actor or an address.
    await eventually(async () =>
      expect(lines.slice(from).some((l) => l.includes(`/public/consultations/${c.id}"`))).toBe(true),
    );
    const written = lines.slice(from);
    expect(written.filter((l) => l.includes('/responses'))).toEqual([]);
    expect(written.filter((l) => IDENTITY_KEYS.test(l) || l.includes('127.0.0.1'))).toEqual([]);
  });
});
