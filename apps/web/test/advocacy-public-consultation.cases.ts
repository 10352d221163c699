import { PageClient, expectNotFound, formFields, textOf, type PageResponse } from '@hearth/testing';
import { solveChallenge } from '../../advocacy/src';
import { apiCall, errorSummaryLinks, passphraseOf, type LeroFixture } from './lero-fixture';
import { proofOfWorkScript } from './proof-of-work-script';
import type { WebHarness } from './web.harness';

/** Responses an hour per address the suite's Hearth takes through public links (`startWebHarness`). */
export const PUBLIC_RESPONSE_LIMIT = 3;

const consultation = (audience: 'public' | 'members', title: string) => ({
  title,
  purpose: 'The Tuesday drop-in is moving.',
  askedBy: 'Phoenix with the county council',
  useOfAnswers: 'We take the results to the council’s meeting in March.',
  opensAt: new Date(Date.now() - 60_000).toISOString(),
  closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  audience,
  questions: [
    { kind: 'single', text: 'Which day suits you?', options: ['Tuesday', 'Thursday'] },
    { kind: 'text', text: 'Anything else?' },
  ],
  aboutYou: [{ kind: 'single', text: 'Your age group', options: ['Under 35', '35 or over'] }],
});

/** The questions builder's fields for the same consultation, asked of anyone (ADR 0074). */
const builder = (today = new Date()) => ({
  title: 'Where should the drop-in move?',
  purpose: 'The Tuesday drop-in is moving.',
  askedBy: 'Phoenix with the county council',
  useOfAnswers: 'We take the results to the council’s meeting in March.',
  audience: 'public',
  'opensOn-day': String(today.getUTCDate()),
  'opensOn-month': String(today.getUTCMonth() + 1),
  'opensOn-year': String(today.getUTCFullYear()),
  'closesOn-day': '1',
  'closesOn-month': '1',
  'closesOn-year': String(today.getUTCFullYear() + 1),
  resultsThreshold: '5',
  questionCount: '2',
  'q0-kind': 'single',
  'q0-text': 'Which day suits you?',
  'q0-options': 'Tuesday\nThursday',
  'q1-kind': 'text',
  'q1-text': 'Anything else?',
  'q1-options': '',
  aboutCount: '1',
  'a0-text': 'Your age group',
  'a0-options': 'Under 35\n35 or over',
  action: 'save',
});

/**
 * A consultation's public link on the web (ADR 0074), run inside the consultation pages' suite and its Hearth,
 * whose web app believes each test client's `X-Forwarded-For` and whose gateway believes the web app's: anyone
 * reads the page (the honeypot hidden by the stylesheet, the bot check in the site's own script), five people
 * respond with the script's own solver, refusals come back on the form, each address has its own budget.
 */
export function publicConsultationCases(get: () => { h: WebHarness; f: LeroFixture & { sam: PageClient } }) {
  describe('through a public link', () => {
    let h: WebHarness;
    let f: LeroFixture & { sam: PageClient };
    let id: string;
    let path: string;
    let address = 0;
    /** A person without an account, on their own address. */
    const person = () => new PageClient(h.webUrl, { 'x-forwarded-for': `203.0.113.${++address}` });
    /** The LERO's admin through the API (a fresh token: they last a minute). */
    const asSam = async (method: string, rest: string, body?: unknown) =>
      apiCall<{ id: string }>(
        h,
        method,
        `/api/v1/tenants/${f.leroId}/advocacy/consultations${rest}`,
        await h.given.login('sam@phoenix.example.org', passphraseOf('Sam')),
        body,
      );
    const make = async (
      audience: 'public' | 'members',
      title: string,
      open = true,
      opensAt = new Date(Date.now() - 60_000),
    ) => {
      const c = await asSam('POST', '', { ...consultation(audience, title), opensAt: opensAt.toISOString() });
      if (open) await asSam('POST', `/${c.id}/open`);
      return c.id;
    };
    /** The form's fields as the page gives them, with answers and (unless `nonce` is given) a solved challenge. */
    const answered = (page: PageResponse, extra: Record<string, string> = {}) => {
      const fields = formFields(page.html, path);
      return {
        ...fields,
        nonce: extra.nonce ?? solveChallenge(fields.challenge, Number(fields.difficulty)),
        q1: '0',
        website: '',
        ...extra,
      };
    };

    beforeAll(() => {
      ({ h, f } = get());
    });

    it('is made public in the questions builder; its page shows staff the link to share', async () => {
      const base = `/leros/${f.leroId}/consultations`;
      expect((await f.sam.get(`${base}/new`)).html).toMatch(
        /name="audience" type="radio" value="members" checked/,
      );
      const saved = await f.sam.post(base, builder());
      expect(saved.location).toMatch(new RegExp(`^${base}/[0-9a-f-]{36}$`));
      id = saved.location!.split('/').pop()!;
      path = `/consultations/${id}`;
      expect((await f.sam.get(`${base}/${id}/edit`)).html).toMatch(
        /name="audience" type="radio" value="public" checked/,
      );
      expect(textOf((await f.sam.get(`${base}/${id}`)).html)).toContain(
        `Once it is open, anyone can answer at this address, without signing in. Share it where you want answers from. ${h.webUrl}${path}`,
      );
      expect(textOf((await person().get(path)).html)).toContain('This consultation is not open');
      await f.sam.post(`${base}/${id}/open`, {});
      expect(textOf((await f.sam.get(`${base}/${id}`)).html)).toContain(
        'Members can answer it, and anyone with its link.',
      );
    });

    it('shows it to anyone, the honeypot hidden by the stylesheet, the check in the site’s own script', async () => {
      const page = await person().get(path);
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      expect(text).toContain('Where should the drop-in move?');
      expect(text).toContain('Your answers are anonymous.');
      // Without JavaScript: why the form cannot be sent, and how else to answer; the button only the script shows.
      expect(text).toContain('This form needs JavaScript to send your answers.');
      expect(text).toContain('ask Phoenix with the county council how else to answer');
      expect(page.html).toMatch(/<div id="send" hidden>\s*<button type="submit"/);
      expect(page.html).toMatch(
        /<div class="hearth-honeypot">\s*<label for="website">[^<]+<\/label>\s*<input id="website" name="website" type="text"/,
      );
      const css = await person().get('/assets/hearth.css');
      expect(css.html).toMatch(/\.hearth-honeypot\{display:none\}/);
      // One script of the page's own, by address; nothing inline, nothing from another site.
      expect([...page.html.matchAll(/<script[^>]*>/g)].map((m) => m[0])).toEqual([
        '<script type="module" src="/assets/proof-of-work.js">',
        '<script type="module" src="/assets/hearth.js">',
      ]);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toContain('unsafe-inline');
      const script = await person().get('/assets/proof-of-work.js');
      expect([script.status, script.headers.get('content-type')]).toEqual([
        200,
        expect.stringContaining('javascript'),
      ]);
      expect(formFields(page.html, path)).toMatchObject({
        shape: 'q1:single:2 q2:text:0 a1:about:2',
        challenge: expect.stringMatching(/^[\w-]+\.[\w-]+$/),
        difficulty: '10', // the service's setting: the web harness lowers it from 18
        nonce: '',
      });
    });

    it('takes five people’s answers, solved as the page’s own script solves them; staff see the results', async () => {
      for (let i = 0; i < 5; i++) {
        const someone = person();
        const page = await someone.get(path);
        const fields = formFields(page.html, path);
        // The first with the browser's own script; the others with Node's (faster) hash, to keep the suite short.
        const nonce =
          i === 0
            ? await proofOfWorkScript.solve(fields.challenge, Number(fields.difficulty))
            : solveChallenge(fields.challenge, Number(fields.difficulty));
        const sent = await someone.post(path, {
          ...answered(page, { nonce, q1: String(i % 2), a1: i === 0 ? '0' : 'not-said' }),
          q2: i === 0 ? 'Somewhere near the bus station' : '',
        });
        expect(sent.location).toBe('/consultations/thanks');
        if (i === 0)
          expect(textOf((await someone.follow(sent)).html)).toContain('Thank you for your answers');
      }
      const results = textOf((await f.sam.get(`/leros/${f.leroId}/consultations/${id}/results`)).html);
      expect(results).toContain('5 responses so far');
      expect(results).toMatch(/Tuesday\s+3\s+60%\s+Thursday\s+2\s+40%/);
      expect(results).toContain('Somewhere near the bus station');
    });

    it('puts refusals on the form, keeping the answers; beyond its budget an address gets a page, others not', async () => {
      const someone = person();
      let page = await someone.get(path);
      const missing = await someone.post(path, answered(page, { nonce: 'unused', q1: '', q2: 'kept text' }));
      expect([missing.status, errorSummaryLinks(missing.html)]).toEqual([400, ['#q1']]);
      expect(missing.html).toContain('kept text</textarea>');

      page = await someone.get(path);
      const wrong = solveChallenge(formFields(page.html, path).challenge, 18, false);
      const unsolved = await someone.post(path, answered(page, { nonce: wrong, q1: '1' }));
      expect([unsolved.status, errorSummaryLinks(unsolved.html)]).toEqual([400, ['#send-answers']]);
      expect(textOf(unsolved.html)).toContain('the check that a person is sending them did not succeed');
      expect(unsolved.html).toMatch(/name="q1" type="radio" value="1" checked/);
      // A new challenge to send them with.
      expect(formFields(unsolved.html, path).challenge).not.toBe(formFields(page.html, path).challenge);

      const trapped = await someone.post(path, answered(unsolved, { website: 'https://spam.example' }));
      expect([trapped.status, errorSummaryLinks(trapped.html)]).toEqual([400, ['#send-answers']]);
      expect(textOf(trapped.html)).toContain('a box hidden from people was filled in');

      const noScript = await someone.post(path, answered(trapped, { nonce: '' }));
      expect(noScript.status).toBe(400);
      expect(textOf(noScript.html)).toContain('your browser did not run the check this form needs');

      // PUBLIC_RESPONSE_LIMIT (3) attempts were this address's budget (refused ones count): the next is a page saying so.
      const limited = await someone.post(path, answered(noScript));
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(textOf(limited.html)).toContain('Too many answers from your connection');
      expect(textOf(limited.html)).toMatch(/Try again in \d+ minutes/);
      // Another address through the same web app has its own budget (the gateway believes the web app).
      const other = person();
      const sent = await other.post(path, answered(await other.get(path)));
      expect(sent.location).toBe('/consultations/thanks');
    });

    it('is missing for a draft, a members’ consultation, an unknown id; closed, it says so', async () => {
      const draft = await make('public', 'Not yet', false);
      const members = await make('members', 'For members');
      for (const missing of [draft, members, '01a24346-0000-7000-8000-000000000000']) {
        const page = await person().get(`/consultations/${missing}`);
        expect([page.status, textOf(page.html)]).toEqual([
          404,
          expect.stringContaining('This consultation is not open'),
        ]);
      }
      expectNotFound(await person().get('/consultations/not-an-id'));
      // Open, but from tomorrow: the page says when, and has no form to be refused.
      const later = await make('public', 'From tomorrow', true, new Date(Date.now() + 86_400_000));
      const early = await person().get(`/consultations/${later}`);
      expect(textOf(early.html)).toMatch(
        /This consultation takes answers from \d+ \w+ \d{4} at \d\d:\d\d\. Come back then\./,
      );
      expect(early.html).not.toContain('<form method="post" action="/consultations/');

      const someone = person();
      const page = await someone.get(path);
      await asSam('POST', `/${id}/close`);
      const late = await someone.post(path, answered(page));
      expect(late.status).toBe(404);
      expect(textOf(late.html)).toContain('Your answers have not been sent.');
      const closed = await person().get(path);
      expect([closed.status, textOf(closed.html)]).toEqual([
        404,
        expect.stringContaining('It may have closed'),
      ]);
    });
  });
}
