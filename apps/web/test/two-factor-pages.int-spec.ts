import {
  acceptThroughWeb,
  apiCall,
  errorSummaryLinks,
  passphraseOf,
  recoveryCodesOn,
  setUpLero,
  setUpTwoFactorThroughWeb,
  signInThroughWeb,
  type LeroFixture,
} from './lero-fixture';
import { PageClient, startTestOidcProvider, type PageResponse, textOf } from '@hearth/testing';
import { joinRegion } from './directory-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

const VAL = 'val@phoenix.example.org';
const CORA = 'cora@phoenix.example.org';

/** The password step alone, through the page. */
const passwordStep = async (client: PageClient, email: string, password: string): Promise<PageResponse> => {
  await client.get('/sign-in');
  return client.post('/sign-in', { email, password });
};

/**
 * Two-factor sign-in in the web app (ADR 15): optional for a volunteer (set up from the account page, recovery
 * codes, turning it off), required for an admin (who cannot turn it off), against a real Hearth.
 */
describe('two-factor sign-in pages against a real Hearth', () => {
  let h: WebHarness;
  let lero: LeroFixture & { sam: PageClient };
  let val: PageClient;

  beforeAll(async () => {
    h = await startWebHarness({ authRateLimit: 1000, sso: true });
    lero = await setUpLero(h);
    val = await acceptThroughWeb(h, await lero.invite(VAL, 'volunteer'), VAL, 'Val');
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('lets a volunteer choose to set it up from their account page', async () => {
    const account = textOf((await val.get('/account')).html);
    expect(account).toMatch(/Two-factor sign-in\s+Off\s+Set up/);
    expect(account).not.toContain('needs two-factor sign-in');
    const page = textOf((await val.get('/account/two-factor')).html);
    expect(page).toContain('Set up two-factor sign-in');
    expect(page).not.toContain('You have an admin role');
    const codes = await setUpTwoFactorThroughWeb(h, val, VAL, passphraseOf('Val'));
    expect(textOf(codes.html)).toContain('From now on you sign in with a code from your app');
    expect(recoveryCodesOn(codes.html)).toHaveLength(10);
    const now = textOf((await val.get('/account/two-factor')).html);
    expect(now).toMatch(/Two-factor sign-in\s+On since/);
    expect(now).toMatch(/Recovery codes left\s+10/);
    expect(textOf((await val.get('/account')).html)).toMatch(/Two-factor sign-in\s+On\s+Manage/);
  });

  it('signs in with a recovery code when the phone is gone: once, telling how many are left, the others signed out', async () => {
    const phone = new PageClient(h.webUrl);
    const asked = await passwordStep(phone, VAL, passphraseOf('Val'));
    expect(asked.location).toBe('/sign-in/code');
    const codePage = await phone.follow(asked);
    expect(codePage.html).toContain('href="/sign-in/recovery-code"');
    const form = await phone.get('/sign-in/recovery-code');
    expect(textOf(form.html)).toContain('Enter a recovery code');
    const empty = await phone.post('/sign-in/recovery-code', { recoveryCode: '' });
    expect(errorSummaryLinks(empty.html)).toEqual(['#recoveryCode']);
    const code = h.given.authenticators.takeRecoveryCode(VAL);
    const done = await phone.post('/sign-in/recovery-code', { recoveryCode: code.toUpperCase() });
    expect(done.location).toBe('/account/two-factor');
    const landed = textOf((await phone.follow(done)).html);
    expect(landed).toContain('You signed in with a recovery code');
    expect(landed).toContain('you have 9 left');
    expect(landed).toMatch(/Recovery codes left\s+9/);
    // Every other sign-in has ended: the earlier page session is signed out at once.
    expect((await val.get('/account')).location).toBe('/sign-in?next=%2Faccount');
    val = phone;

    const again = new PageClient(h.webUrl);
    await passwordStep(again, VAL, passphraseOf('Val'));
    await again.get('/sign-in/recovery-code');
    const reused = await again.post('/sign-in/recovery-code', { recoveryCode: code });
    expect(reused.status).toBe(401);
    expect(textOf(reused.html)).toContain('That recovery code is not right, or it has been used already');
  });

  it('gives new recovery codes for the password, shown once', async () => {
    await val.get('/account/two-factor/recovery-codes/new');
    const wrong = await val.post('/account/two-factor/recovery-codes/new', { currentPassword: 'not it' });
    expect(wrong.status).toBe(400);
    expect(errorSummaryLinks(wrong.html)).toEqual(['#currentPassword']);
    const made = await val.post('/account/two-factor/recovery-codes/new', {
      currentPassword: passphraseOf('Val'),
    });
    expect(made.location).toBe('/account/two-factor/recovery-codes');
    const page = await val.follow(made);
    expect(textOf(page.html)).toContain('Your old recovery codes no longer work');
    const codes = recoveryCodesOn(page.html);
    expect(codes).toHaveLength(10);
    h.given.authenticators.setRecoveryCodes(VAL, codes);
    expect((await val.get('/account/two-factor/recovery-codes')).location).toBe('/account/two-factor');
  });

  it('asks for a code again when a person with two-factor sign-in changes their password', async () => {
    await val.get('/account/password');
    const changed = await val.post('/account/password', {
      currentPassword: passphraseOf('Val'),
      newPassword: 'Val’s newer passphrase',
    });
    expect(changed.location).toBe('/sign-in/code');
    const codePage = await val.follow(changed);
    expect(textOf(codePage.html)).toContain('Enter a code from your app to carry on');
    const back = await val.post('/sign-in/code', { code: await h.given.authenticators.code(VAL) });
    expect(back.location).toBe('/account');
    expect((await val.get('/account')).status).toBe(200);
  });

  it('starts the sign-in again when the code comes after the challenge has expired', async () => {
    const client = new PageClient(h.webUrl);
    await client.follow(await passwordStep(client, VAL, 'Val’s newer passphrase'));
    h.clock.offsetMs = 6 * 60 * 1000; // the page was left open longer than a challenge lasts (5 minutes)
    try {
      const late = await client.post('/sign-in/code', { code: '123456' });
      expect(late.location).toBe('/sign-in');
      expect(textOf((await client.follow(late)).html)).toContain('Your sign-in timed out');
      expect((await client.get('/sign-in/code')).location).toBe('/sign-in');
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it('turns it off for the password and a code, and signs out the other sign-ins', async () => {
    const other = new PageClient(h.webUrl);
    await signInThroughWeb(h, other, VAL, 'Val’s newer passphrase');
    const form = textOf((await val.get('/account/two-factor/turn-off')).html);
    expect(form).toContain('You will sign in with your password alone');
    const wrong = await val.post('/account/two-factor/turn-off', {
      currentPassword: 'Val’s newer passphrase',
      code: h.given.authenticators.wrongCode(VAL),
    });
    expect(wrong.status).toBe(400);
    expect(errorSummaryLinks(wrong.html)).toEqual(['#code']);
    const off = await val.post('/account/two-factor/turn-off', {
      currentPassword: 'Val’s newer passphrase',
      code: h.given.authenticators.takeRecoveryCode(VAL),
    });
    expect(off.location).toBe('/account/two-factor');
    expect(textOf((await val.follow(off)).html)).toContain('Two-factor sign-in is off');
    expect((await other.get('/account')).status).toBe(303);
    const plain = await passwordStep(new PageClient(h.webUrl), VAL, 'Val’s newer passphrase');
    expect(plain.location).toBe(`/leros/${lero.leroId}`);
  });

  it('tells an admin they cannot turn it off, and the API refuses if they try', async () => {
    const sam = lero.sam;
    const overview = (await sam.get('/account/two-factor')).html;
    expect(textOf(overview)).toContain('You have an admin role, so you need two-factor sign-in');
    expect(overview).not.toContain('href="/account/two-factor/turn-off"');
    const page = await sam.get('/account/two-factor/turn-off');
    expect(textOf(page.html)).toContain('To turn it off, first give up your admin roles');
    expect(page.html).not.toContain('action="/account/two-factor/turn-off"');
    // Refused before any code is looked at.
    const forced = await sam.post('/account/two-factor/turn-off', {
      currentPassword: passphraseOf('Sam'),
      code: '123456',
    });
    expect(forced.status).toBe(403);
    expect(textOf(forced.html)).toContain('first give up your admin roles');
  });

  it('signs a coordinator in with the LERO’s identity provider from the sign-in page (ADR 0080)', async () => {
    const idp = await startTestOidcProvider('http://127.0.0.1/sign-in/sso/callback');
    try {
      const base = `/api/v1/tenants/${lero.leroId}/identity-providers`;
      const provider = await apiCall<{ id: string }>(h, 'POST', base, lero.adminToken, {
        displayName: 'Phoenix Workspace',
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        allowedDomains: ['phoenix.example.org'],
      });
      await apiCall(h, 'POST', `${base}/${provider.id}/domain-verification`, lero.adminToken);
      await acceptThroughWeb(h, await lero.invite(CORA, 'coordinator'), CORA, 'Cora');

      const browser = new PageClient(h.webUrl);
      expect(textOf((await browser.get('/sign-in')).html)).toContain(
        'Sign in with your organisation’s account',
      );
      const none = await browser.get('/sign-in/sso?email=someone%40elsewhere.example.net');
      expect([none.status, errorSummaryLinks(none.html)]).toEqual([400, ['#email']]);
      const choice = await browser.get(`/sign-in/sso?email=${encodeURIComponent(CORA)}`);
      expect(choice.html).toContain(`href="/sign-in/sso/${provider.id}"`);
      expect(textOf(choice.html)).toContain('Sign in with Phoenix Workspace');
      const go = await browser.get(`/sign-in/sso/${provider.id}`);
      expect(go.location?.startsWith(`${idp.issuer}/`)).toBe(true);
      idp.signInAs({ sub: 'cora-at-phoenix', email: CORA, emailVerified: true });
      const answer = (await idp.authorise(go.location!)).toString();

      // Only the browser that began the sign-in can finish it.
      const stranger = new PageClient(h.webUrl);
      expect((await stranger.get(`/sign-in/sso/callback?${answer}`)).location).toBe('/sign-in');
      const back = await browser.get(`/sign-in/sso/callback?${answer}`);
      expect(back.location).toBe('/sign-in/sso/link');
      expect(textOf((await browser.follow(back)).html)).toContain(`Phoenix Workspace says you are ${CORA}`);
      const wrong = await browser.post('/sign-in/sso/link', { password: 'not the passphrase' });
      expect([wrong.status, errorSummaryLinks(wrong.html)]).toEqual([401, ['#password']]);
      const linked = await browser.post('/sign-in/sso/link', { password: passphraseOf('Cora') });
      expect(linked.location).not.toMatch(/sign-in/);
      const account = await browser.get('/account');
      expect([account.status, textOf(account.html).includes(CORA)]).toEqual([200, true]);

      // Someone invited with no account yet accepts through the provider, and lands signed in.
      const IVY = 'ivy@phoenix.example.org';
      const token = await lero.invite(IVY, 'volunteer');
      const ivy = new PageClient(h.webUrl);
      const page = await ivy.get(`/invitations/accept?token=${encodeURIComponent(token)}`);
      const accept = `/sign-in/sso/${provider.id}?invitation=${encodeURIComponent(token)}`;
      expect(page.html).toContain(`href="${accept}"`);
      expect(textOf(page.html)).toContain('Accept with Phoenix Workspace');
      const outside = await new PageClient(h.webUrl).get(
        `/invitations/accept?token=${encodeURIComponent(await lero.invite('ora@elsewhere.example.net', 'member'))}`,
      );
      expect(textOf(outside.html)).not.toContain('Accept with');
      const away = await ivy.get(accept);
      idp.signInAs({ sub: 'ivy-at-phoenix', email: IVY, emailVerified: true });
      const returned = await ivy.get(
        `/sign-in/sso/callback?${(await idp.authorise(away.location!)).toString()}`,
      );
      expect(returned.location).not.toMatch(/sign-in/);
      const ivysAccount = await ivy.get('/account');
      expect([ivysAccount.status, textOf(ivysAccount.html).includes(IVY)]).toEqual([200, true]);
    } finally {
      await idp.stop();
    }
  });
  it('lets a region admin set up a LERO’s identity provider on the region’s pages, and a platform admin verify it (ADR 0080)', async () => {
    const idp = await startTestOidcProvider('http://127.0.0.1/sign-in/sso/callback');
    try {
      const rhea = (await joinRegion(h, lero.regionId, 'rhea@region.example.org', 'region-admin', 'Rhea'))
        .client;
      const cole = await acceptThroughWeb(
        h,
        await lero.invite('cole@phoenix.example.org', 'coordinator'),
        'cole@phoenix.example.org',
        'Cole',
      );
      const admin = new PageClient(h.webUrl);
      await signInThroughWeb(h, admin, h.admin.email, h.admin.password);
      const secret = 'a-client-secret-never-shown-back';
      const seen: string[] = [];
      const look = async (client: PageClient, path: string) => {
        const page = await client.get(path);
        seen.push(page.html);
        return page;
      };
      const regionPage = `/regions/${lero.regionId}/identity-providers`;
      const leroPage = `/regions/${lero.regionId}/leros/${lero.leroId}/identity-providers`;

      expect((await look(rhea, `/regions/${lero.regionId}`)).html).toContain(`href="${regionPage}"`);
      const region = await look(rhea, regionPage);
      expect(region.status).toBe(200);
      expect(region.html).toContain(`href="${leroPage}"`);
      // The web app's own address (this harness gives it no PUBLIC_URL), where the provider sends people back.
      expect(textOf(region.html)).toContain(`${h.webUrl.replace(/\/$/, '')}/sign-in/sso/callback`);
      expect(textOf((await look(rhea, leroPage)).html)).not.toContain('Phoenix Staff 365');
      expect((await rhea.get(`/regions/${lero.regionId}/leros/not-a-lero/identity-providers`)).status).toBe(
        404,
      );
      const badDomain = await rhea.post(regionPage, {
        displayName: 'North East 365',
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: secret,
        allowedDomains: 'north_east!',
      });
      seen.push(badDomain.html);
      expect([badDomain.status, errorSummaryLinks(badDomain.html)]).toEqual([400, ['#allowedDomains']]);
      const settings = {
        displayName: 'Phoenix Staff 365',
        issuer: 'ftp://login.example.net',
        clientId: idp.clientId,
        clientSecret: secret,
        allowedDomains: 'Phoenix-staff.example.org',
      };
      const bad = await rhea.post(leroPage, settings); // the API's 400, on its field
      seen.push(bad.html);
      expect([bad.status, errorSummaryLinks(bad.html)]).toEqual([400, ['#issuer']]);
      expect(textOf(bad.html)).toContain('Issuer URL must be an https address');
      const added = await rhea.post(leroPage, { ...settings, issuer: idp.issuer });
      expect(added.location).toBe(leroPage);
      const listedPage = await look(rhea, leroPage);
      const listed = textOf(listedPage.html);
      expect(listed).toMatch(/Phoenix Staff 365\s+Domains not verified/);
      expect(listed).toContain('phoenix-staff.example.org');
      expect(listed).not.toContain('Verify domains');

      // Neither the LERO's coordinator nor its admin may see or change it; only a platform admin verifies.
      for (const [who, status] of [
        [cole, 403],
        [lero.sam, 403],
      ] as const) {
        expect((await who.get(leroPage)).status).toBe(status);
        expect((await who.get(regionPage)).status).toBe(status);
      }
      await cole.get('/account'); // a page with a form, for its CSRF token
      expect((await cole.post(leroPage, { ...settings, issuer: idp.issuer })).status).toBe(403);
      const ours = listedPage.html.slice(listedPage.html.indexOf('govuk-heading-s">Phoenix Staff 365'));
      const providerId = /identity-providers\/([0-9a-f-]{36})\/remove/.exec(ours)![1];
      expect((await rhea.post(`${leroPage}/${providerId}/verify`, {})).status).toBe(403);
      const forAdmin = await look(admin, leroPage);
      expect(forAdmin.html).toContain(`action="${leroPage}/${providerId}/verify"`);
      const verified = await admin.post(`${leroPage}/${providerId}/verify`, {});
      expect(verified.location).toBe(leroPage);
      expect(textOf((await look(rhea, leroPage)).html)).toMatch(/Phoenix Staff 365\s+Domains verified/);

      const removed = await rhea.post(`${leroPage}/${providerId}/remove`, {});
      expect(removed.location).toBe(leroPage);
      expect(textOf((await look(rhea, leroPage)).html)).not.toContain('Phoenix Staff 365');
      for (const html of seen) expect(html).not.toContain(secret);
    } finally {
      await idp.stop();
    }
  });
});
