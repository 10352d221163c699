import { PageClient, expectForbidden, expectNotFound, textOf } from '@hearth/testing';
import { passphraseOf, signInThroughWeb } from './lero-fixture';
import { setUpVolunteering, type VolunteeringFixture } from './volunteering-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

/**
 * The passport and letter screens (ADR 0064) against a real Hearth, no JavaScript: Val (a volunteer) sees what a
 * passport will reveal before making one, makes it (its text, the QR code of its check link, its badge files),
 * downloads the letter, and the check page says the passport stands; Mo (a member who is not a volunteer) is
 * refused; an id nobody issued is not found.
 */
describe('the passport pages against a real Hearth', () => {
  let h: WebHarness;
  let f: VolunteeringFixture;
  let val: PageClient;
  let mo: PageClient;
  let base: string;

  beforeAll(async () => {
    h = await startWebHarness({ authRateLimit: 100 });
    f = await setUpVolunteering(h);
    base = `/leros/${f.leroId}/volunteering`;
    const item = async (name: string, kind: string) =>
      (await f.api<{ id: string }>('POST', '/volunteering/training', { name, kind, validityMonths: 36 })).id;
    for (const [name, kind] of [
      ['Safeguarding', 'training'],
      ['DBS basic', 'check'],
    ])
      await f.api('POST', `/volunteering/volunteers/${f.valId}/training`, {
        trainingId: await item(name, kind),
        completedOn: '2026-02-01',
        how: 'certificate-seen',
      });
    val = new PageClient(h.webUrl);
    await signInThroughWeb(h, val, 'val@phoenix.example.org', passphraseOf('Val'));
    mo = new PageClient(h.webUrl);
    await signInThroughWeb(h, mo, 'mo@phoenix.example.org', passphraseOf('Mo'));
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('says exactly what a passport will reveal before making one; checks only when added', async () => {
    const form = await val.get(`${base}/my-passport`);
    expect(form.status).toBe(200);
    const text = textOf(form.html);
    expect(text).toContain('A DBS check is criminal-offence data');
    expect(text).toContain('Each training you hold that is valid today');
    expect(text).not.toContain('Each check you hold');
    const withChecks = textOf((await val.get(`${base}/my-passport?checks=all&hours=omit`)).html);
    expect(withChecks).toContain('Each check you hold that is valid today, a DBS check included');
    expect(withChecks).not.toContain('Your approved hours');
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
