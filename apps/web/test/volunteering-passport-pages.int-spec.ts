import { PageClient, expectForbidden, expectNotFound, pdfTextLines, textOf } from '@hearth/testing';
import { passphraseOf, signInThroughWeb } from './lero-fixture';
import { setUpVolunteering, type VolunteeringFixture } from './volunteering-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

/**
 * The passport and letter screens (ADR 0064) against a real Hearth, no JavaScript: Val (a volunteer) sees what a
 * passport will reveal before making one, makes it (its text, the QR code of its check link, its badge files),
 * downloads the letter, and the check page says the passport stands; Mo (a member who is not a volunteer) is
 * refused; an id nobody issued is not found.
 */
/** The passport form's checkboxes, in page order: which question, which record, ticked or not. */
const boxes = (html: string) =>
  [...html.matchAll(/<input class="govuk-checkboxes__input"[^>]*>/g)].map((m) => ({
    name: /name="([^"]+)"/.exec(m[0])![1],
    value: /value="([^"]+)"/.exec(m[0])![1],
    checked: / checked/.test(m[0]),
  }));

/** The training and check lines of "What your passport and letter will show". */
const reveals = (html: string) =>
  [...html.matchAll(/<li>((?:Training|Check): [^<]*)<\/li>/g)].map((m) => m[1]);

/** The hidden fields of the "Make my passport" form (its CSRF token is added by the client). */
const hiddenFields = (html: string): [string, string][] =>
  [
    ...html
      .slice(html.indexOf('method="post"'))
      .matchAll(/<input type="hidden" name="(training|checks|roles|hours)" value="([^"]*)">/g),
  ].map((m) => [m[1], m[2]]);

const letterHref = (html: string) => /href="([^"]*letter\.pdf[^"]*)"/.exec(html)![1].replace(/&amp;/g, '&');

describe('the passport pages against a real Hearth', () => {
  let h: WebHarness;
  let f: VolunteeringFixture;
  let val: PageClient;
  let mo: PageClient;
  let base: string;
  /** Val's record ids, by name: Safeguarding and First aid (training), DBS basic (a check). */
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startWebHarness({ authRateLimit: 100 });
    f = await setUpVolunteering(h);
    base = `/leros/${f.leroId}/volunteering`;
    const item = async (name: string, kind: string) =>
      (await f.api<{ id: string }>('POST', '/volunteering/training', { name, kind, validityMonths: 36 })).id;
    for (const [name, kind] of [
      ['Safeguarding', 'training'],
      ['First aid', 'training'],
      ['DBS basic', 'check'],
    ])
      ids[name] = (
        await f.api<{ id: string }>('POST', `/volunteering/volunteers/${f.valId}/training`, {
          trainingId: await item(name, kind),
          completedOn: '2026-02-01',
          how: 'certificate-seen',
        })
      ).id;
    val = new PageClient(h.webUrl);
    await signInThroughWeb(h, val, 'val@phoenix.example.org', passphraseOf('Val'));
    mo = new PageClient(h.webUrl);
    await signInThroughWeb(h, mo, 'mo@phoenix.example.org', passphraseOf('Mo'));
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  /** A letter the page links to, as its text. */
  const pdfOf = async (href: string) => {
    const res = await fetch(`${h.webUrl}${href}`, { headers: { cookie: val.cookieHeader } });
    expect(res.status).toBe(200);
    return pdfTextLines(Buffer.from(await res.arrayBuffer())).join('\n');
  };

  it('says exactly what a passport will reveal before making one; checks only when added', async () => {
    const form = await val.get(`${base}/my-passport`);
    expect(form.status).toBe(200);
    const text = textOf(form.html);
    expect(text).toContain('A DBS check is criminal-offence data');
    // Each valid training and check is a box of its own: training ticked, the check not.
    expect(boxes(form.html)).toEqual([
      { name: 'training', value: ids['First aid'], checked: true },
      { name: 'training', value: ids.Safeguarding, checked: true },
      { name: 'checks', value: ids['DBS basic'], checked: false },
    ]);
    expect(reveals(form.html)).toEqual([
      'Training: First aid, completed Sunday 1 February 2026, expires Thursday 1 February 2029.',
      'Training: Safeguarding, completed Sunday 1 February 2026, expires Thursday 1 February 2029.',
    ]);
    // An old link's all / none still work.
    const withChecks = await val.get(`${base}/my-passport?checks=all&hours=omit`);
    expect(reveals(withChecks.html)).toContain(
      'Check: DBS basic, completed Sunday 1 February 2026, expires Thursday 1 February 2029.',
    );
    expect(textOf(withChecks.html)).not.toContain('Your approved hours');
    expect(boxes(withChecks.html).every((b) => b.checked)).toBe(true);
  });

  it('chooses training and checks one by one: the page, the passport and the letter hold only those ticked', async () => {
    // As the form sends it: the hidden "none" beside each question's ticked boxes.
    const form = await val.get(
      `${base}/my-passport?training=none&training=${ids.Safeguarding}&checks=none&roles=include&hours=include`,
    );
    expect(boxes(form.html).map((b) => b.checked)).toEqual([false, true, false]);
    expect(reveals(form.html)).toEqual([
      'Training: Safeguarding, completed Sunday 1 February 2026, expires Thursday 1 February 2029.',
    ]);
    const issued = await val.post(`${base}/my-passport`, hiddenFields(form.html));
    expect(issued.status).toBe(200);
    const holds = textOf(issued.html);
    expect(holds).toContain('Safeguarding: completed 2026-02-01');
    expect(holds).not.toContain('First aid');
    expect(holds).not.toContain('DBS basic');
    const letter = await pdfOf(letterHref(form.html));
    expect(letter).toContain('Safeguarding (training): completed 2026-02-01');
    expect(letter).not.toContain('First aid');
    expect(letter).not.toContain('DBS basic');

    // A check only when ticked; no training when none is ticked.
    const withCheck = await val.get(
      `${base}/my-passport?training=none&checks=none&checks=${ids['DBS basic']}`,
    );
    expect(boxes(withCheck.html).map((b) => b.checked)).toEqual([false, false, true]);
    expect(reveals(withCheck.html)).toEqual([
      'Check: DBS basic, completed Sunday 1 February 2026, expires Thursday 1 February 2029.',
    ]);
    const checked = textOf((await val.post(`${base}/my-passport`, hiddenFields(withCheck.html))).html);
    expect(checked).toContain('DBS basic: completed 2026-02-01');
    expect(checked).not.toMatch(/Safeguarding|First aid/);
    const checkLetter = await pdfOf(letterHref(withCheck.html));
    expect(checkLetter).toContain('DBS basic (check): completed 2026-02-01');
    expect(checkLetter).not.toMatch(/Safeguarding|First aid/);
    // Unticked, the same form posted straight holds no check.
    const unticked = await val.post(`${base}/my-passport`, [
      ['training', 'none'],
      ['training', ids['First aid']],
      ['checks', 'none'],
    ]);
    expect(textOf(unticked.html)).toContain('First aid: completed 2026-02-01');
    expect(textOf(unticked.html)).not.toMatch(/DBS basic|Safeguarding/);
  });

  it('makes the passport: what it holds, its text, the QR code of its check link, its badge files', async () => {
    const issued = await val.post(`${base}/my-passport`, {
      training: 'all',
      checks: 'none',
      roles: 'include',
      hours: 'include',
    });
    expect(issued.status).toBe(200);
    const text = textOf(issued.html);
    expect(text).toContain('Name: Val');
    expect(text).toContain('Safeguarding: completed 2026-02-01');
    expect(text).not.toContain('DBS basic');
    expect(issued.html).toMatch(/<textarea[^>]*id="passport"[^>]*>ey[\w-]+\.[\w-]+\.[\w-]+<\/textarea>/);
    expect(issued.html).toContain('<svg');
    expect(issued.html).toMatch(/download="safeguarding\.jwt"/);
    const check = /href="https?:\/\/[^/"]+(\/passports\/check\/[0-9a-f-]{36}\/[0-9a-f-]{36})"/.exec(
      issued.html,
    );
    expect(check).not.toBeNull();
    const page = await new PageClient(h.webUrl).get(check![1]);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('This passport stands');
    expect(textOf(page.html)).not.toMatch(/\bVal\b/);
  });

  it('downloads the letter as a PDF', async () => {
    const res = await fetch(`${h.webUrl}${base}/my-passport/letter.pdf?training=all`, {
      headers: { cookie: val.cookieHeader },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('gives each linked member their own record to print: every record, checks too, and no passport link unless a volunteer', async () => {
    const mine = await val.get(`${base}/my-record`);
    expect(mine.status).toBe(200);
    const text = textOf(mine.html);
    expect(text).toContain('My volunteering record');
    expect(text).toContain('Safeguarding (Training)');
    expect(text).toContain('DBS basic (Check)');
    expect(text).toContain('it lists every check you hold');
    expect(text).toContain('certificate seen');
    expect(text).toContain('No approved hours yet');
    expect(mine.html).toContain(`href="${base}/my-passport"`);
    // Mo, a member but not a volunteer, has a record of nothing and is not offered a passport.
    const mos = await mo.get(`${base}/my-record`);
    expect(mos.status).toBe(200);
    expect(textOf(mos.html)).toContain('No training or checks recorded');
    expect(textOf(mos.html)).not.toContain('Safeguarding');
    expect(mos.html).not.toContain(`href="${base}/my-passport"`);
    // Nobody signed in is sent to sign in.
    expect((await new PageClient(h.webUrl).get(`${base}/my-record`)).status).toBe(303);
  });

  it('refuses a member who is not a volunteer, and finds no passport nobody issued', async () => {
    expectForbidden(await mo.get(`${base}/my-passport`));
    expectForbidden(await mo.get(`${base}/my-passport/letter.pdf`));
    expectNotFound(
      await new PageClient(h.webUrl).get(`/passports/check/${f.leroId}/4f1c1d7e-2f0a-4a47-9a4b-3f3f0f6b9c11`),
    );
  });
});
