import { PageClient, eventually, expectForbidden, expectNotFound, textOf } from '@hearth/testing';
import {
  anotherLero,
  setUpVolunteering,
  signedInCast,
  type VolunteeringFixture,
} from './volunteering-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

const NOBODY = '4f1c1d7e-2f0a-4a47-9a4b-3f3f0f6b9c11';

/**
 * The staff's passport screens (ADR 0064) against a real Hearth, no JavaScript: Cleo (a coordinator) verifies the
 * passport Val made, imports its training for Vic (recorded, skipped and why), and revokes it from Val's list after
 * a confirm step, when verifying it says it is withdrawn. Bad input is a form error; Val and Mo are refused;
 * another LERO's member and a credential that is not this volunteer's are not found.
 */
describe('the staff passport pages against a real Hearth', () => {
  let h: WebHarness;
  let f: VolunteeringFixture;
  let cleo: PageClient;
  let val: PageClient;
  let mo: PageClient;
  let base: string;
  let passport: string;
  let vicId: string;
  let hopeMemberId: string;

  beforeAll(async () => {
    h = await startWebHarness({ authRateLimit: 100 });
    f = await setUpVolunteering(h);
    ({ cleo, val, mo } = await signedInCast(h, f));
    base = `/leros/${f.leroId}/volunteering`;
    const ids: Record<string, string> = {};
    for (const name of ['Safeguarding', 'First aid']) {
      ids[name] = (
        await f.api<{ id: string }>('POST', '/volunteering/training', {
          name,
          kind: 'training',
          validityMonths: 36,
        })
      ).id;
      await f.api('POST', `/volunteering/volunteers/${f.valId}/training`, {
        trainingId: ids[name],
        completedOn: '2026-02-01',
        how: 'certificate-seen',
      });
    }
    for (const who of [cleo, val, mo]) await who.get(base); // each one's form token
    const issued = await val.post(`${base}/my-passport`, {
      training: 'all',
      checks: 'none',
      roles: 'omit',
      hours: 'omit',
    });
    passport = /<textarea[^>]*id="passport"[^>]*>([\w.-]+)<\/textarea>/.exec(issued.html)![1];
    // Renamed after issuing: the passport's "First aid" no longer matches the catalogue.
    await f.api('PATCH', `/volunteering/training/${ids['First aid']}`, { name: 'First aid at work' });
    vicId = (
      await f.api<{ id: string }>('POST', '/members', { displayName: 'Vic', communityRoles: ['volunteer'] })
    ).id;
    await eventually(async () => {
      const list = await f.api<{ items: { memberId: string }[] }>('GET', '/volunteering/volunteers');
      if (!list.items.some((v) => v.memberId === vicId)) throw new Error('Vic is not a volunteer yet');
    });
    const hope = await anotherLero(h);
    hopeMemberId = (await hope.call<{ id: string }>('POST', '/members', { displayName: 'Hal' })).id;
  }, 240_000);

  afterAll(async () => {
    await h?.close();
  });

  it('verifies a passport in plain words, with what it holds; garbage is not one; empty is a form error', async () => {
    const form = await cleo.get(`${base}/verify-passport`);
    expect(form.status).toBe(200);
    expect(textOf((await f.sam.get(base)).html)).toContain('Verify a passport');
    const valid = await cleo.post(`${base}/verify-passport`, { passport: `  ${passport}\n` });
    expect(valid.status).toBe(200);
    const text = textOf(valid.html);
    expect(text).toContain('This passport is valid');
    expect(text).toContain('Name: Val');
    expect(text).toContain('Safeguarding: completed 2026-02-01');
    const garbage = textOf((await cleo.post(`${base}/verify-passport`, { passport: 'abc.def.ghi' })).html);
    expect(garbage).toContain('This is not a passport Hearth can check');
    expect(garbage).not.toContain('Name:');
    const empty = await cleo.post(`${base}/verify-passport`, { passport: '   ' });
    expect(empty.status).toBe(400);
    expect(textOf(empty.html)).toContain('There is a problem');
    expect(textOf(empty.html)).toContain('Paste the passport');
    const long = await cleo.post(`${base}/verify-passport`, { passport: 'x'.repeat(70_000) });
    expect(long.status).toBe(400);
    expect(textOf(long.html)).toContain('too long');
  });

  it('imports training from a passport: what was recorded, what was skipped and why', async () => {
    const records = textOf((await cleo.get(`${base}/volunteers/${vicId}`)).html);
    expect(records).toContain('Import training from a passport');
    expect((await cleo.get(`${base}/volunteers/${vicId}/passport-import`)).status).toBe(200);
    const first = await cleo.post(`${base}/volunteers/${vicId}/passport-import`, { passport });
    expect(first.status).toBe(200);
    const text = textOf(first.html);
    expect(text).toMatch(/Safeguarding\s+Recorded, as accepted from a passport/);
    expect(text).toMatch(/First aid\s+Not recorded: no training or check of the same name and kind/);
    expect(textOf((await cleo.get(`${base}/volunteers/${vicId}`)).html)).toContain('Safeguarding');
    const again = textOf((await cleo.post(`${base}/volunteers/${vicId}/passport-import`, { passport })).html);
    expect(again).toMatch(/Safeguarding\s+Not recorded: it is already recorded/);
  });

  it('shows a bad or unusable passport as a form error, never a 500', async () => {
    const empty = await cleo.post(`${base}/volunteers/${vicId}/passport-import`, { passport: '' });
    expect(empty.status).toBe(400);
    expect(textOf(empty.html)).toContain('Paste the passport');
    const garbage = await cleo.post(`${base}/volunteers/${vicId}/passport-import`, {
      passport: 'abc.def.ghi',
    });
    expect(garbage.status).toBe(400);
    expect(textOf(garbage.html)).toContain('The passport is invalid');
    const notVolunteer = await cleo.post(`${base}/volunteers/${f.moId}/passport-import`, { passport });
    expect(notVolunteer.status).toBe(409);
    expect(textOf(notVolunteer.html)).toContain('There is a problem');
  });

  it('lists what was issued to a volunteer and revokes it after a confirm step', async () => {
    const records = await cleo.get(`${base}/volunteers/${f.valId}`);
    expect(textOf(records.html)).toContain('Passports issued to Val');
    const href = new RegExp(
      `href="(${base}/volunteers/${f.valId}/credentials/[0-9a-f-]{36}/revoke)">Revoke<span class="govuk-visually-hidden"> the passport `,
    ).exec(records.html);
    expect(href).not.toBeNull();
    const confirm = await cleo.get(href![1]);
    expect(confirm.status).toBe(200);
    expect(textOf(confirm.html)).toContain('Revoke Val’s passport?');
    expect(textOf(confirm.html)).toContain(
      'Anyone who checks it from now on, or scans its letter’s QR code, will be told',
    );
    const done = await cleo.post(href![1], {});
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${base}/volunteers/${f.valId}`);
    const after = textOf((await cleo.follow(done)).html);
    expect(after).toContain('Val’s passport is revoked');
    expect(after).toContain('Revoked');
    const verdict = textOf((await cleo.post(`${base}/verify-passport`, { passport })).html);
    expect(verdict).toContain('This passport has been withdrawn');
  });

  it('refuses volunteers and members; another LERO’s member and another’s credential are not found', async () => {
    const records = await f.sam.get(`${base}/volunteers/${f.valId}`);
    const revoke = /href="([^"]+\/credentials\/[0-9a-f-]{36}\/revoke)"/.exec(records.html)?.[1];
    const importPath = `${base}/volunteers/${vicId}/passport-import`;
    for (const who of [val, mo]) {
      expectForbidden(await who.get(`${base}/verify-passport`));
      expectForbidden(await who.post(`${base}/verify-passport`, { passport }));
      expectForbidden(await who.get(importPath));
      expectForbidden(await who.post(importPath, { passport }));
      expectForbidden(await who.get(`${base}/volunteers/${f.valId}/credentials/${NOBODY}/revoke`));
      expectForbidden(await who.post(`${base}/volunteers/${f.valId}/credentials/${NOBODY}/revoke`, {}));
    }
    expect(revoke).toBeDefined();
    expect(textOf((await f.sam.get(revoke!)).html)).toContain('Revoke Val’s');
    expectNotFound(await cleo.get(`${base}/volunteers/${hopeMemberId}/passport-import`));
    expectNotFound(await cleo.post(`${base}/volunteers/${hopeMemberId}/passport-import`, { passport }));
    expectNotFound(await cleo.get(`${base}/volunteers/${f.valId}/credentials/${NOBODY}/revoke`));
    expectNotFound(await cleo.post(`${base}/volunteers/${f.valId}/credentials/${NOBODY}/revoke`, {}));
    expectNotFound(await cleo.get(revoke!.replace(f.valId, vicId)));
    expectNotFound(await cleo.get(`${base}/volunteers/${hopeMemberId}/credentials/${NOBODY}/revoke`));
  });
});
