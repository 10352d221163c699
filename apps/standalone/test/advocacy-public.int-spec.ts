import { ApiClient, Given } from '@hearth/testing';
import { solveChallenge } from '../../advocacy/src';
import { startTestStandalone, type TestStandalone } from './standalone.harness';

type Json = Record<string, unknown>;

/** A consultation's public link over standalone's in-process transport, as over NATS (ADR 0067). */
describe('public consultation responses in standalone mode', () => {
  let standalone: TestStandalone;
  const admin = { email: 'consult-admin@example.org', password: 'consult-admin-password' };

  beforeAll(async () => {
    standalone = await startTestStandalone('advocacy_public', admin);
  }, 120_000);

  afterAll(async () => {
    await standalone?.stop();
  });

  it('reads a public consultation and takes an anonymous response with a solved challenge', async () => {
    const api = new ApiClient(standalone.hearth.url);
    const given = new Given(api, admin);
    const platformAdmin = await given.platformAdmin();
    const lero = await given.lero((await given.region(platformAdmin)).id, platformAdmin);
    const base = `/api/v1/tenants/${lero.id}/advocacy/consultations`;
    const staff = api.as(lero.adminToken);
    const c = await staff.post<Json>(base, {
      title: 'Your say',
      purpose: 'Opening hours',
      askedBy: 'The LERO',
      useOfAnswers: 'A summary to the board',
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      audience: 'public',
      questions: [{ kind: 'scale', text: 'How useful?' }],
    });
    expect(c.status).toBe(201);
    const id = c.body.id as string;
    expect((await staff.post(`${base}/${id}/open`)).status).toBe(200);
    const read = await api.get<{ proofOfWork: { challenge: string; difficulty: number } }>(
      `/api/v1/public/consultations/${id}`,
    );
    expect(read.status).toBe(200);
    const { challenge, difficulty } = read.body.proofOfWork;
    expect(difficulty).toBe(18); // the default, as deployed
    const answers = [{ question: 'q1', scale: 5 }];
    const res = await api.post<Json>(`/api/v1/public/consultations/${id}/responses`, {
      answers,
      challenge,
      nonce: solveChallenge(challenge, difficulty),
    });
    expect([res.status, res.body]).toEqual([201, { received: true }]);
    const again = await api.post<Json>(`/api/v1/public/consultations/${id}/responses`, {
      answers,
      challenge,
      nonce: solveChallenge(challenge, difficulty),
    });
    expect(again.status).toBe(400);
  });
});
