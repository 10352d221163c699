import { solveChallenge } from '../../advocacy/src';
import { apiCall } from './lero-fixture';
import type { WebHarness } from './web.harness';

const consultation = (title: string, audience: string) => ({
  title,
  purpose: 'The council is changing the drop-in hours.',
  askedBy: 'Gateshead Council',
  useOfAnswers: 'A summary goes to the council in March.',
  opensAt: new Date(Date.now() - 60_000).toISOString(),
  closesAt: new Date(Date.now() + 86_400_000).toISOString(),
  audience,
  questions: [
    { kind: 'single', text: 'Which hours suit you?', options: ['Mornings', 'Evenings'] },
    { kind: 'text', text: 'Anything else?' },
  ],
});

/**
 * A consultation of `base` (a LERO's or a region's API path) made, opened, answered `n` times through its public link
 * (three "Mornings", then "Evenings"; each with a written answer), then closed, through the API: its id. `shown`:
 * whether it shows on the public page once closed (left out: the API's default, only a public-link one).
 */
export const closedConsultation =
  (h: WebHarness) =>
  async (base: string, token: string, title: string, audience: string, n: number, shown?: boolean) => {
    const body = { ...consultation(title, audience), ...(shown === undefined ? {} : { public: shown }) };
    const c = await apiCall<{ id: string }>(h, 'POST', base, token, body);
    await apiCall(h, 'POST', `${base}/${c.id}/open`, token);
    const path = `/api/v1/public/consultations/${c.id}`;
    for (let i = 0; i < n; i += 1) {
      const { proofOfWork } = await apiCall<{ proofOfWork: { challenge: string; difficulty: number } }>(
        h,
        'GET',
        path,
      );
      await apiCall(h, 'POST', `${path}/responses`, undefined, {
        answers: [
          { question: 'q1', choice: i < 3 ? 0 : 1 },
          { question: 'q2', text: `raw words ${i}` },
        ],
        challenge: proofOfWork.challenge,
        nonce: solveChallenge(proofOfWork.challenge, proofOfWork.difficulty),
      });
    }
    await apiCall(h, 'POST', `${base}/${c.id}/close`, token);
    return c.id;
  };
