import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Client } from 'pg';
import { inProcessApi } from '../src/api/in-process-api';
import { createWebApp } from '../src/web.app';
import { SET_UP_PATH, recoveryCodesOn, setUpTwoFactorThroughWeb, signInThroughWeb } from './lero-fixture';
import { imagesOf, navigationOf, PageClient, type PageResponse, textOf } from '@hearth/testing';
import { startWebHarness, type WebHarness } from './web.harness';

const errorSummaryLinks = (html: string) =>
  [
    ...(html.match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/)?.[0] ?? '').matchAll(/href="(#[^"]+)"/g),
  ].map((m) => m[1]);
const invitationLink = (html: string) => {
  const match = html.match(/<textarea[^>]*id="invitation-link"[^>]*>([^<]+)<\/textarea>/);
  if (!match) throw new Error(`no invitation link on the page: ${textOf(html).slice(0, 300)}`);
  return new URL(match[1].replace(/&amp;/g, '&'));
};

/** The words of a text, without markup or punctuation: a page's and a Markdown page's, to compare. */
const wordsOf = (text: string) =>
  text
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{N}’']+/gu, ' ')
    .trim();
/** The part of docs/privacy.md between `<!-- name:start -->` and `<!-- name:end -->`. */
const privacyDoc = (name: string) => {
  const doc = readFileSync(join(__dirname, '../../../docs/privacy.md'), 'utf8');
  const part = new RegExp(`<!-- ${name}:start -->([\\s\\S]*?)<!-- ${name}:end -->`).exec(doc);
  if (!part) throw new Error(`docs/privacy.md has no ${name} part`);
  return part[1];
};

/** The web app's pages against a real Hearth (standalone on embedded PostgreSQL), through HTTP only. */
describe('web app pages against a real Hearth', () => {
  let h: WebHarness;
  let admin: PageClient;
  let regionId: string;
  let leroId: string;
  let leroAdmin: PageClient;

  const signIn = async (client: PageClient, email: string, password: string): Promise<PageResponse> => {
    await client.get('/sign-in');
    return client.post('/sign-in', { email, password });
  };

  beforeAll(async () => {
    h = await startWebHarness();
    admin = new PageClient(h.webUrl);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('sends someone who is not signed in to the sign-in page, and back after signing in', async () => {
    const client = new PageClient(h.webUrl);
    expect((await client.get('/')).location).toBe('/sign-in');
    const account = await client.get('/account');
    expect(account.status).toBe(303);
    expect(account.location).toBe('/sign-in?next=%2Faccount');
    const page = await client.get(account.location!);
    expect(page.status).toBe(200);
    expect(page.html).toContain('name="next" value="/account"');
  });

  it('renders the sign-in page with Hearth’s brand, Exit this page, and a CSRF-protected form', async () => {
    const page = await new PageClient(h.webUrl).get('/sign-in');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.html).toContain('<title>Sign in – Hearth</title>');
    expect(page.html).toContain('govuk-exit-this-page');
    expect(page.html).toMatch(/name="_csrf" value="[^"]+"/);
    expect(page.html).not.toMatch(/GOV\.UK|govuk-logo|crown/i);
    const cookie = page.headers.getSetCookie().find((c) => c.startsWith('hearth_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain HTTP to 127.0.0.1 only; see the Host test below
  });

  it('shows the privacy notice before a person accepts an invitation, and the full one to anyone, as docs/privacy.md has them', async () => {
    const client = new PageClient(h.webUrl);
    const form = await client.get(`/invitations/accept?token=${'t'.repeat(43)}`);
    expect(form.status).toBe(200);
    const notice = form.html.match(
      /<div class="hearth-joining-notice" id="privacy-notice">([\s\S]*?)<\/div>/,
    );
    expect(notice).not.toBeNull();
    // Read before the account is made: inside the form, above its button.
    const button = form.html.indexOf('Accept and sign in');
    expect(form.html.indexOf('id="privacy-notice"')).toBeGreaterThan(form.html.indexOf('<form'));
    expect(form.html.indexOf('id="privacy-notice"')).toBeLessThan(button);
    expect(notice![1]).toContain('href="/privacy"');
    expect(wordsOf(textOf(notice![1]))).toBe(wordsOf(privacyDoc('joining-notice').replace(/^#+ /gm, '')));

    // The full notice needs no sign-in, and every page's footer links to it.
    const full = await new PageClient(h.webUrl).get('/privacy');
    expect(full.status).toBe(200);
    expect(full.html).toContain('<title>Privacy notice – Hearth</title>');
    const text = full.html.match(/id="privacy-notice-text">([\s\S]*?)<\/div>/)![1];
    expect(textOf(text)).toMatch(/^Privacy notice .* Your rights .* 0303 123 1113\.$/);
    expect(wordsOf(textOf(text))).toBe(wordsOf(privacyDoc('privacy-notice').replace(/^#+ /gm, '')));
    expect(form.html).toMatch(/<a class="govuk-footer__link" href="\/privacy">Privacy<\/a>/);
    expect(full.html).toMatch(/<a class="govuk-footer__link" href="\/privacy">Privacy<\/a>/);
  });

  it('marks the session cookie Secure for any host that is not loopback', async () => {
    // fetch() will not send another Host, so plain node:http.
    const setCookie = await new Promise<string[]>((resolve, reject) => {
      const req = request(`${h.webUrl}/sign-in`, { headers: { host: 'hearth.example.org' } }, (res) => {
        res.resume();
        resolve(res.headers['set-cookie'] ?? []);
      });
      req.on('error', reject);
      req.end();
    });
    expect(setCookie.find((c) => c.startsWith('hearth_session='))).toMatch(/; Secure/i);
  });

  it('serves the stylesheet compiled with Hearth’s colour and system fonts, and no GDS Transport', async () => {
    const res = await fetch(`${h.webUrl}/assets/hearth.css`);
    expect(res.status).toBe(200);
    const css = await res.text();
    expect(css).toContain('#a13d1b');
    expect(css).toContain('system-ui');
    expect(css).not.toMatch(/GDS Transport|@font-face/);
    expect((await fetch(`${h.webUrl}/assets/govuk-frontend.min.js`)).status).toBe(200);
    expect((await fetch(`${h.webUrl}/assets/hearth.js`)).status).toBe(200);
  });

  it('shows the error summary linking to each field when the sign-in form is empty', async () => {
    const client = new PageClient(h.webUrl);
    await client.get('/sign-in');
    const page = await client.post('/sign-in', { email: '', password: '' });
    expect(page.status).toBe(400);
    expect(page.html).toContain('<title>Error: Sign in – Hearth</title>');
    expect(errorSummaryLinks(page.html)).toEqual(['#email', '#password']);
    expect(textOf(page.html)).toContain('Enter your email address');
    expect(textOf(page.html)).toContain('Enter your password');
  });

  it('refuses a form posted without its CSRF token, with a page that says what to do', async () => {
    const client = new PageClient(h.webUrl);
    await client.get('/sign-in');
    const page = await client.post('/sign-in', { email: h.admin.email, password: h.admin.password }, null);
    expect(page.status).toBe(403);
    expect(textOf(page.html)).toContain('This form has expired');
    expect(page.html).not.toMatch(/at .*\.ts:\d+|Error:/);
  });

  it('refuses a form posted from another website, whatever its token, with a page that says so', async () => {
    const client = new PageClient(h.webUrl);
    await client.get('/sign-in');
    const form = { email: h.admin.email, password: 'not the password at all' };
    const crossSite: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: `${h.webUrl}.evil.example` },
      { 'sec-fetch-site': 'cross-site', origin: h.webUrl },
    ];
    for (const headers of crossSite) {
      const page = await client.post('/sign-in', form, client.csrf, headers);
      expect(page.status).toBe(403);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(textOf(page.html)).toContain('This form was sent from another website');
    }
    // The same form from the page itself, as browsers send it, goes through (to a wrong password).
    const sameSite: Record<string, string>[] = [{ 'sec-fetch-site': 'same-origin' }, { origin: h.webUrl }];
    for (const headers of sameSite) {
      expect((await client.post('/sign-in', form, client.csrf, headers)).status).toBe(401);
    }
  });

  it('links "Forgot your password?" from sign-in to a form that says "check your email" whatever the address', async () => {
    const client = new PageClient(h.webUrl);
    const signInPage = await client.get('/sign-in');
    expect(signInPage.html).toContain(
      '<a class="govuk-link" href="/forgot-password">Forgot your password?</a>',
    );
    expect(textOf((await client.get('/forgot-password')).html)).toContain('Reset your password');
    const empty = await client.post('/forgot-password', { email: 'not an address' });
    expect(empty.status).toBe(400);
    expect(errorSummaryLinks(empty.html)).toEqual(['#email']);
    for (const email of [h.admin.email, 'nobody-here@example.org']) {
      const sent = await client.post('/forgot-password', { email });
      expect(sent.location).toBe('/forgot-password/sent');
      expect(textOf((await client.follow(sent)).html)).toContain('Check your email');
    }
  });

  it('stops session reminders from an emailed link only after the button, and takes a mail app’s one-click post', async () => {
    const token = randomBytes(32).toString('base64url');
    // A link as a reminder carries it (stored hashed; ADR 0081).
    const owner = new Client({ connectionString: h.hearth.ownerUrl });
    await owner.connect();
    try {
      await owner.query(
        `insert into membership.unsubscribe_tokens (token_hash, tenant_id, member_id) values ($1, $2, $3)`,
        [createHash('sha256').update(token).digest('hex'), randomUUID(), randomUUID()],
      );
    } finally {
      await owner.end();
    }
    const client = new PageClient(h.webUrl);
    const ask = await client.get(`/unsubscribe?token=${token}`);
    expect(ask.status).toBe(200);
    expect(textOf(ask.html)).toContain('Stop reminders of sessions');
    expect(ask.html).toContain(`name="token" value="${token}"`);
    const done = await client.post('/unsubscribe', { token });
    expect([done.status, textOf(done.html)]).toEqual([200, expect.stringContaining('Reminders stopped')]);
    // RFC 8058: a mail app posts to the List-Unsubscribe address from elsewhere, without a session or CSRF token.
    const oneClick = await new PageClient(h.webUrl).post(
      `/unsubscribe?token=${token}`,
      { 'List-Unsubscribe': 'One-Click' },
      null,
    );
    expect(oneClick.status).toBe(200);
    for (const bad of ['/unsubscribe', '/unsubscribe?token=short']) {
      const page = await client.get(bad);
      expect([page.status, textOf(page.html)]).toEqual([
        400,
        expect.stringContaining('This link does not work'),
      ]);
    }
    expect((await client.post('/unsubscribe', { token: 'x' })).status).toBe(400);
    // A well-formed link Hearth no longer holds stopped nothing: the page says so, and how else to stop them.
    const expired = await client.post('/unsubscribe', { token: randomBytes(32).toString('base64url') });
    expect([expired.status, textOf(expired.html)]).toEqual([
      400,
      expect.stringContaining('This link has expired'),
    ]);
    expect(textOf(expired.html)).toContain('Reminders of sessions and shifts');
    expect(textOf(done.html)).toContain('from the organisation that sent this reminder');
  });

  it('says the email or password is not right, without signing in', async () => {
    const client = new PageClient(h.webUrl);
    const page = await signIn(client, h.admin.email, 'not the password at all');
    expect(page.status).toBe(401);
    expect(errorSummaryLinks(page.html)).toEqual(['#email']);
    expect(textOf(page.html)).toContain('The email address or password is not right');
    expect((await client.get('/account')).status).toBe(303);
  });

  it('sends the platform admin to set up two-factor sign-in first: a QR code, its key in text, recovery codes once', async () => {
    const first = await signIn(admin, h.admin.email, h.admin.password);
    expect(first.status).toBe(303);
    expect(first.location).toBe(SET_UP_PATH);
    const page = await admin.follow(first);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Set up two-factor sign-in');
    expect(text).toContain('Your admin role starts working once you have set this up');
    // Until then the admin role waits: the pages offer nothing of it, and the API refuses it.
    expect(navigationOf(page.html)).toEqual(['Your account']);
    expect((await admin.get('/regions/new')).status).toBe(403);
    const banner = textOf((await admin.get('/account')).html);
    expect(banner).toContain('Your admin role needs two-factor sign-in');
    expect(banner).toContain('Waiting for two-factor sign-in');
    // The QR code is an image of an SVG, described for those who cannot see it; the key is text to type.
    const [qr] = imagesOf(page.html).filter((i) => i.alt.startsWith('QR code'));
    expect(qr.alt).toContain('If you cannot scan it, use the setup key below');
    expect(qr.src).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qr.src.split(',')[1], 'base64').toString()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(page.html).toMatch(/<code id="setup-key">([A-Z2-7]{4} ){7}[A-Z2-7]{4}<\/code>/);
    expect(text).toContain(`Account name: ${h.admin.email}`);
    // Reloading shows the same key (the person may be halfway through typing it).
    expect((await admin.get(SET_UP_PATH)).html).toContain(page.html.match(/<code id="setup-key">[^<]+/)![0]);
    // A wrong code, no password: said on the fields.
    const wrong = await admin.post(SET_UP_PATH, { code: '12345', currentPassword: '' });
    expect(wrong.status).toBe(400);
    expect(errorSummaryLinks(wrong.html)).toEqual(['#code', '#currentPassword']);

    const codes = await setUpTwoFactorThroughWeb(h, admin, h.admin.email, h.admin.password);
    expect(textOf(codes.html)).toContain('Two-factor sign-in is on');
    expect(textOf(codes.html)).toContain('Your admin role works now');
    expect(recoveryCodesOn(codes.html)).toHaveLength(10);
    expect(textOf(codes.html)).toContain('You will not see these codes again');
    // Shown once.
    expect((await admin.get('/account/two-factor/recovery-codes')).location).toBe('/account/two-factor');
    expect(codes.html).toContain('href="/regions"');
  });

  it('signs the platform admin in with a code, and shows the navigation their grants allow', async () => {
    const page = await admin.get('/regions');
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Regions');
    expect(text).toContain('Your account');
    expect(text).toContain('Sign out');
    expect(text).toContain('Create a region');
    expect(text).not.toContain('Your LERO');
    expect(text).not.toContain('needs two-factor sign-in');

    const again = new PageClient(h.webUrl);
    const asked = await signIn(again, h.admin.email, h.admin.password);
    expect(asked.location).toBe('/sign-in/code');
    const codePage = await again.follow(asked);
    expect(textOf(codePage.html)).toContain('Enter the code from your authenticator app');
    expect(codePage.html).toContain('autocomplete="one-time-code"');
    const wrong = await again.post('/sign-in/code', {
      code: h.given.authenticators.wrongCode(h.admin.email),
    });
    expect(wrong.status).toBe(401);
    expect(errorSummaryLinks(wrong.html)).toEqual(['#code']);
    expect(textOf(wrong.html)).toContain('The code is not right');
    const signedIn = await again.post('/sign-in/code', {
      code: await h.given.authenticators.code(h.admin.email),
    });
    expect(signedIn.location).toBe('/regions');
    expect(textOf((await again.get('/regions')).html)).toContain('Create a region');
  });

  it('describes the account’s grants in words', async () => {
    const page = await admin.get('/account');
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain(h.admin.email);
    expect(textOf(page.html)).toContain('Platform admin: you can create regions');
  });

  it('turns the weekly summary email off and on from the account page', async () => {
    expect(textOf((await admin.get('/account')).html)).toContain(
      'Weekly summary email On, for when you have a role',
    );
    const form = await admin.get('/account/digest');
    expect(textOf(form.html)).toContain('Do you want the weekly summary email?');
    const empty = await admin.post('/account/digest', {});
    expect([empty.status, errorSummaryLinks(empty.html)]).toEqual([400, ['#enabled']]);
    const off = await admin.post('/account/digest', { enabled: 'no' });
    expect(off.location).toBe('/account');
    expect(textOf((await admin.follow(off)).html)).toContain('Weekly summary email Off');
    expect((await admin.post('/account/digest', { enabled: 'yes' })).location).toBe('/account');
  });

  it('asks before an emailed unsubscribe link turns the summary off, and refuses a link that is no link', async () => {
    const client = new PageClient(h.webUrl);
    const token = 'a'.repeat(43);
    const ask = await client.get(`/digest/unsubscribe?token=${token}`);
    expect([ask.status, textOf(ask.html)]).toEqual([
      200,
      expect.stringContaining('Stop the weekly summary email?'),
    ]);
    expect(ask.html).toContain(`<input type="hidden" name="token" value="${token}">`);
    const unknown = await client.post('/digest/unsubscribe', { token });
    expect([unknown.status, textOf(unknown.html)]).toEqual([
      400,
      expect.stringContaining('This link cannot be used'),
    ]);
    expect((await client.get('/digest/unsubscribe?token=short')).status).toBe(400);
    // Mail programs' one-click unsubscribe: no cookie, no CSRF token.
    const oneClick = await new PageClient(h.webUrl).post(
      `/digest/unsubscribe/one-click?token=${token}`,
      { 'List-Unsubscribe': 'One-Click' },
      null,
    );
    expect([oneClick.status, textOf(oneClick.html)]).toEqual([
      400,
      expect.stringContaining('This link cannot be used'),
    ]);
  });

  it('validates a new region on the server and creates it', async () => {
    await admin.get('/regions/new');
    const invalid = await admin.post('/regions', { name: '', slug: 'Not A Slug' });
    expect(invalid.status).toBe(400);
    expect(errorSummaryLinks(invalid.html)).toEqual(['#name', '#slug']);
    expect(invalid.html).toContain('govuk-input--error');

    const created = await admin.post('/regions', { name: 'North East', slug: '' });
    expect(created.status).toBe(303);
    regionId = created.location!.split('/')[2];
    const page = await admin.follow(created);
    expect(textOf(page.html)).toContain('Region created');
    expect(textOf(page.html)).toContain('No LEROs have been onboarded in this region yet');

    await admin.get('/regions/new');
    const taken = await admin.post('/regions', { name: 'North East again', slug: 'north-east' });
    expect(taken.status).toBe(409);
    expect(errorSummaryLinks(taken.html)).toEqual(['#slug']);
    expect(textOf(taken.html)).toContain('already taken');
  });

  it('onboards a LERO through the task list and shows the invitation link to copy', async () => {
    const tasks = await admin.get(`/regions/${regionId}/onboard`);
    expect(tasks.status).toBe(200);
    expect(textOf(tasks.html)).toMatch(
      /LERO details.*Incomplete.*First admin.*Incomplete.*Invitation link.*Cannot start yet/,
    );

    await admin.get(`/regions/${regionId}/onboard/details`);
    const badDetails = await admin.post(`/regions/${regionId}/onboard/details`, {
      name: 'Phoenix Recovery Community',
      slug: '',
      contactEmail: 'not an email',
    });
    expect(errorSummaryLinks(badDetails.html)).toEqual(['#contactEmail']);
    const details = await admin.post(`/regions/${regionId}/onboard/details`, {
      name: 'Phoenix Recovery Community',
      slug: '',
      contactEmail: 'hello@phoenix.example.org',
    });
    expect(details.location).toBe(`/regions/${regionId}/onboard`);
    await admin.get(`/regions/${regionId}/onboard/admin`);
    await admin.post(`/regions/${regionId}/onboard/admin`, { adminEmail: 'sam@phoenix.example.org' });
    const ready = await admin.get(`/regions/${regionId}/onboard`);
    expect(textOf(ready.html)).toContain('phoenix-recovery-community');
    expect(textOf(ready.html)).toContain('Create the LERO and its invitation link');

    const created = await admin.post(`/regions/${regionId}/onboard`, {});
    expect(created.location).toBe(`/regions/${regionId}/onboard/invitation`);
    const done = await admin.follow(created);
    expect(textOf(done.html)).toMatch(
      /LERO details.*Completed.*First admin.*Completed.*Invitation link.*Completed/,
    );
    const link = invitationLink(done.html);
    expect(link.origin).toBe(h.webUrl);
    expect(link.pathname).toBe('/invitations/accept');
    leroId = done.html.match(/href="\/leros\/([0-9a-f-]{36})"/)![1];

    const region = await admin.get(`/regions/${regionId}`);
    expect(textOf(region.html)).toMatch(/Phoenix Recovery Community\s+Onboarding/);

    // The new admin accepts the invitation and lands on the LERO's home.
    leroAdmin = new PageClient(h.webUrl);
    const form = await leroAdmin.get(`${link.pathname}${link.search}`);
    expect(form.status).toBe(200);
    const short = await leroAdmin.post('/invitations/accept', {
      token: link.searchParams.get('token')!,
      email: 'sam@phoenix.example.org',
      displayName: 'Sam',
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(errorSummaryLinks(short.html)).toEqual(['#password']);
    const accepted = await leroAdmin.post('/invitations/accept', {
      token: link.searchParams.get('token')!,
      email: 'sam@phoenix.example.org',
      displayName: 'Sam',
      password: 'correct horse battery staple',
    });
    // An admin: first, two-factor sign-in, without outside help.
    expect(accepted.location).toBe(SET_UP_PATH);
    const setUp = await leroAdmin.follow(accepted);
    expect(textOf(setUp.html)).toContain('As an admin, you need two-factor sign-in');
    const codes = await setUpTwoFactorThroughWeb(
      h,
      leroAdmin,
      'sam@phoenix.example.org',
      'correct horse battery staple',
    );
    const continueHref = codes.html.match(/href="(\/leros\/[^"]+)"/)![1];
    expect(continueHref).toBe(`/leros/${leroId}`);
    const home = await leroAdmin.get(continueHref);
    expect(textOf(home.html)).toMatch(/Status\s+Active/);
    expect(textOf(home.html)).toContain('Your LERO');
    expect(textOf(home.html)).not.toContain('Regions');
    expect(textOf(home.html)).not.toContain('Manage this LERO');

    // The link works once.
    const late = new PageClient(h.webUrl);
    await late.get(`${link.pathname}${link.search}`);
    const spent = await late.post('/invitations/accept', {
      token: link.searchParams.get('token')!,
      email: 'sam@phoenix.example.org',
      displayName: 'Not Sam',
      password: 'a different long password',
    });
    expect(spent.status).toBe(410);
    expect(textOf(spent.html)).toContain('This invitation has already been used');
  });

  it('lets a LERO admin invite a coordinator, and a coordinator only volunteers and members', async () => {
    const form = await leroAdmin.get(`/leros/${leroId}/team/invite`);
    expect(textOf(form.html)).toMatch(/Admin.*Coordinator.*Volunteer.*Member/);
    const missing = await leroAdmin.post(`/leros/${leroId}/team/invite`, {
      email: 'alex@phoenix.example.org',
    });
    expect(errorSummaryLinks(missing.html)).toEqual(['#role']);
    // The API's problem+json field errors land on the form's fields (its email rule is stricter than ours).
    const apiRejects = await leroAdmin.post(`/leros/${leroId}/team/invite`, {
      email: 'alex@phoenix.x',
      role: 'volunteer',
    });
    expect(apiRejects.status).toBe(400);
    expect(errorSummaryLinks(apiRejects.html)).toEqual(['#email']);
    expect(textOf(apiRejects.html)).toContain('Email address must be an email address');
    expect(apiRejects.html).toContain('value="alex@phoenix.x"');
    const invited = await leroAdmin.post(`/leros/${leroId}/team/invite`, {
      email: 'alex@phoenix.example.org',
      role: 'coordinator',
    });
    expect(invited.location).toBe(`/leros/${leroId}/team/invitation`);
    const shown = await leroAdmin.follow(invited);
    expect(textOf(shown.html)).toContain('alex@phoenix.example.org is invited as coordinator');
    const link = invitationLink(shown.html);

    const alex = new PageClient(h.webUrl);
    await alex.get(`${link.pathname}${link.search}`);
    const home = await alex.follow(
      await alex.post('/invitations/accept', {
        token: link.searchParams.get('token')!,
        email: 'alex@phoenix.example.org',
        displayName: 'Alex',
        password: 'another long passphrase',
      }),
    );
    expect(home.status).toBe(200);
    const inviteForm = await alex.get(`/leros/${leroId}/team/invite`);
    expect(textOf(inviteForm.html)).toMatch(/Volunteer.*Member/);
    expect(inviteForm.html).not.toContain('value="coordinator"');
    const refused = await alex.post(`/leros/${leroId}/team/invite`, {
      email: 'x@phoenix.example.org',
      role: 'tenant-admin',
    });
    expect(refused.status).toBe(400);
    expect(errorSummaryLinks(refused.html)).toEqual(['#role']);
  });

  it('appoints a region admin by invitation link, who then sees only their region', async () => {
    await admin.get(`/regions/${regionId}/invite`);
    const invited = await admin.post(`/regions/${regionId}/invite`, {
      email: 'robin@network.example.org',
      role: 'region-admin',
    });
    expect(invited.location).toBe(`/regions/${regionId}/invitation`);
    const shown = await admin.follow(invited);
    expect(textOf(shown.html)).toContain(
      'robin@network.example.org is invited as region admin at the North East region',
    );
    const link = invitationLink(shown.html);

    const robin = new PageClient(h.webUrl);
    await robin.get(`${link.pathname}${link.search}`);
    const accepted = await robin.post('/invitations/accept', {
      token: link.searchParams.get('token')!,
      email: 'robin@network.example.org',
      displayName: 'Robin',
      password: 'robin’s long passphrase',
    });
    expect(accepted.location).toBe(SET_UP_PATH);
    await setUpTwoFactorThroughWeb(h, robin, 'robin@network.example.org', 'robin’s long passphrase');
    const regions = textOf((await robin.get('/regions')).html);
    expect(regions).toContain('North East');
    expect(regions).not.toContain('Create a region');
    expect((await robin.get('/regions/new')).status).toBe(403);
    const account = textOf((await robin.get('/account')).html);
    expect(account).toContain('Region admin for the North East region');
    const region = textOf((await robin.get(`/regions/${regionId}`)).html);
    expect(region).toContain('Onboard a LERO');
    expect(region).toContain('Phoenix Recovery Community');
  });

  it('suspends a LERO only after a confirmation page, and its own team then sees a friendly 403', async () => {
    const home = await admin.get(`/leros/${leroId}`);
    expect(textOf(home.html)).toContain('Manage this LERO');
    const confirm = await admin.get(`/leros/${leroId}/suspend`);
    expect(confirm.status).toBe(200);
    expect(textOf(confirm.html)).toContain('Suspend Phoenix Recovery Community?');
    const done = await admin.follow(await admin.post(`/leros/${leroId}/suspend`, {}));
    expect(textOf(done.html)).toContain('Phoenix Recovery Community is suspended');
    expect(textOf(done.html)).toMatch(/Status\s+Suspended/);

    const closed = await leroAdmin.get(`/leros/${leroId}`);
    expect(closed.status).toBe(403);
    expect(textOf(closed.html)).toContain('This LERO’s space is closed for now');

    expect((await admin.get(`/leros/${leroId}/suspend`)).status).toBe(404); // already suspended
    await admin.get(`/leros/${leroId}/reactivate`);
    const back = await admin.follow(await admin.post(`/leros/${leroId}/reactivate`, {}));
    expect(textOf(back.html)).toMatch(/Status\s+Active/);
  });

  it('answers an id that is not a LERO, or not a UUID, with a friendly 404 page', async () => {
    for (const path of [
      '/leros/00000000-0000-7000-8000-000000000000',
      '/leros/not-a-uuid',
      '/regions/nope',
    ]) {
      const page = await admin.get(path);
      expect(page.status).toBe(404);
      expect(textOf(page.html)).toContain('Page not found');
    }
    const unknown = await admin.get('/no/such/page');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('text/html');
  });

  it('refreshes the API tokens transparently, once for requests that race with the same cookie', async () => {
    h.clock.offsetMs = 16 * 60 * 1000; // the web app now sees the access token as expired
    try {
      const tabs = [leroAdmin.clone(), leroAdmin.clone(), leroAdmin.clone()];
      const pages = await Promise.all(tabs.map((tab) => tab.get(`/leros/${leroId}`)));
      expect(pages.map((p) => p.status)).toEqual([200, 200, 200]);
      expect(pages.every((p) => p.headers.getSetCookie().some((c) => c.startsWith('hearth_session=')))).toBe(
        true,
      );
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it('hands a refreshed pair to no copy of the cookie presented once the refresh has answered', async () => {
    const owner = new PageClient(h.webUrl);
    await signInThroughWeb(h, owner, 'sam@phoenix.example.org', 'correct horse battery staple');
    const copy = owner.clone();
    try {
      // In the last 10 s of the 60-second access token: the owner's next page refreshes it.
      h.clock.offsetMs = 55_000;
      expect((await owner.get(`/leros/${leroId}`)).status).toBe(200);
      // While the old access token lasts, the copy keeps using it (it is in the copy anyway)…
      expect((await copy.get(`/leros/${leroId}`)).status).toBe(200);
      // …but it was not handed the new pair: once the old token has expired, its spent refresh token is
      // refused, and presenting a spent token ends the sign-in it belongs to (the owner's too: theft).
      h.clock.offsetMs = 61_000;
      expect((await copy.get(`/leros/${leroId}`)).location).toBe(
        `/sign-in?next=${encodeURIComponent(`/leros/${leroId}`)}`,
      );
      expect((await owner.get(`/leros/${leroId}`)).status).toBe(303);
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it('signs out: the session ends on the server, so a copy of the cookie stops working at once', async () => {
    const stolen = leroAdmin.clone();
    expect((await stolen.get('/account')).status).toBe(200);
    const out = await leroAdmin.post('/sign-out', {});
    expect(out.location).toBe('/sign-in');
    expect(textOf((await leroAdmin.follow(out)).html)).toContain('You have signed out');
    expect((await leroAdmin.get('/account')).location).toBe('/sign-in?next=%2Faccount');

    // The copy still decrypts, and its access token has most of its minute left: refused all the same.
    for (const path of ['/account', `/leros/${leroId}`, `/leros/${leroId}/members`]) {
      const replay = await stolen.get(path);
      expect(replay.status).toBe(303);
      expect(replay.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    }
  });

  it('mounted beside the gateway, calls it in-process, and sign-in limits count per person', async () => {
    // As standalone mounts it: the gateway's routes through Fastify's inject, the person's address as the
    // remote address. Behind a proxy here (trustProxy), so each client's address comes from X-Forwarded-For.
    const api = inProcessApi();
    api.attach(h.hearth.app);
    const mounted = await createWebApp(
      {
        apiUrl: api.apiUrl,
        apiFetch: api.apiFetch,
        sessionKey: randomBytes(32),
        allowInsecureLoopbackCookies: true,
      },
      { logLevel: 'error', trustProxy: ['127.0.0.1'] },
    );
    await mounted.listen(0, '127.0.0.1');
    try {
      const address = mounted.getHttpServer().address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const guesser = new PageClient(url, { 'x-forwarded-for': '203.0.113.7' });
      let last: PageResponse | undefined;
      // Guesses spread over many emails: the per-account limit (tested at the gateway) stays out of the way.
      for (let i = 0; i < 11; i++)
        last = await signIn(guesser, `guess-${i}@example.org`, `wrong password ${i}`);
      expect(last!.status).toBe(429);
      expect(textOf(last!.html)).toMatch(/Too many attempts/);

      const someoneElse = new PageClient(url, { 'x-forwarded-for': '203.0.113.8' });
      const res = await signInThroughWeb(h, someoneElse, h.admin.email, h.admin.password);
      expect(res.location).toBe('/regions');
      expect(textOf((await someoneElse.follow(res)).html)).toContain('North East');
    } finally {
      await mounted.close();
    }
  });
});
