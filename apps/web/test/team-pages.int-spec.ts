import {
  acceptThroughWeb,
  apiCall,
  errorSummaryLinks,
  invitationLinkOn,
  passphraseOf,
  setUpLero,
  signInThroughWeb,
  type LeroFixture,
} from './lero-fixture';
import { expectForbidden, expectNotFound, PageClient, type PageResponse, textOf } from '@hearth/testing';
import { startWebHarness, type WebHarness } from './web.harness';

const signIn = async (client: PageClient, email: string, password: string): Promise<PageResponse> => {
  await client.get('/sign-in');
  return client.post('/sign-in', { email, password });
};

/** The HTML of the summary card (a person, an invitation) whose title starts with `title`. */
const cardHtml = (html: string, title: string) =>
  html
    .split('<div class="govuk-summary-card">')
    .slice(1)
    .find((c) => textOf(c.split('</h2>')[0]).startsWith(title));

/** The same card as text. */
const cardOf = (html: string, title: string) => {
  const card = cardHtml(html, title);
  return card ? textOf(card) : undefined;
};

const expectCard = (html: string, title: string, ...texts: string[]) => {
  const card = cardOf(html, title);
  expect(card).toBeDefined();
  for (const text of texts) expect(card).toContain(text);
};

/** The link a page shows in the copy field with this id. */
const linkIn = (html: string, id: string): URL => {
  const match = html.match(new RegExp(`<textarea[^>]*id="${id}"[^>]*>([^<]+)</textarea>`));
  if (!match) throw new Error(`no ${id} on the page: ${textOf(html).slice(0, 300)}`);
  return new URL(match[1].replace(/&amp;/g, '&'));
};

/** The first link on the page whose text starts with `text`. */
const hrefOf = (html: string | undefined, text: string) => {
  if (!html) throw new Error(`no card with a link "${text}"`);
  for (const m of html.matchAll(/<a[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)) {
    if (textOf(m[2]).startsWith(text)) return m[1].replace(/&amp;/g, '&');
  }
  throw new Error(`no link "${text}" on the page: ${textOf(html).slice(0, 400)}`);
};

/** Follows a confirmation link and confirms. */
const confirm = async (client: PageClient, href: string) => {
  const page = await client.get(href);
  expect(page.status).toBe(200);
  return client.follow(await client.post(href, {}));
};

/**
 * The team pages (issue 11): who holds which role in a LERO and a region, taking roles away, cancelling
 * invitations, resetting a password, changing one's own, signing out everywhere, disabling an account and
 * appointing an admin for a LERO with none, against a real Hearth (standalone, no SMTP: links are shown).
 */
describe('team and account pages against a real Hearth', () => {
  let h: WebHarness;
  let lero: LeroFixture & { sam: PageClient };
  let sam: PageClient; // tenant-admin
  let cleo: PageClient; // coordinator
  let val: PageClient; // volunteer
  let admin: PageClient; // platform admin
  let team: string;

  const join = async (email: string, role: string, name: string) =>
    acceptThroughWeb(h, await lero.invite(email, role), email, name);
  /** A fresh API token of the platform admin (access tokens live 60 s in standalone). */
  const platformToken = () => h.given.platformAdmin();

  beforeAll(async () => {
    h = await startWebHarness({ authRateLimit: 1000 });
    lero = await setUpLero(h);
    sam = lero.sam;
    team = `/leros/${lero.leroId}/team`;
    cleo = await join('cleo@phoenix.example.org', 'coordinator', 'Cleo');
    val = await join('val@phoenix.example.org', 'volunteer', 'Val');
    admin = new PageClient(h.webUrl);
    await signInThroughWeb(h, admin, h.admin.email, h.admin.password);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('shows the LERO’s admins and coordinators everyone; its region’s staff its admins only; a volunteer nothing', async () => {
    await lero.invite('pat@phoenix.example.org', 'member');
    const page = await sam.get(team);
    expect(page.status).toBe(200);
    expectCard(page.html, 'Sam (you)', 'Admin');
    expect(cardOf(page.html, 'Sam (you)')).not.toContain('Give up'); // the only admin stays
    expectCard(page.html, 'Cleo', 'cleo@phoenix.example.org', 'Coordinator', 'Remove as coordinator');
    expectCard(page.html, 'Val', 'Volunteer', 'Reset password');
    expectCard(page.html, 'pat@phoenix.example.org', 'Member', 'Cancel');

    const coordinator = await cleo.get(team);
    expect(cardOf(coordinator.html, 'Val')).toContain('Remove as volunteer');
    expect(cardOf(coordinator.html, 'Sam')).not.toContain('Remove');
    expect(textOf(coordinator.html)).not.toContain('Reset password');

    const region = await admin.get(team);
    expect(textOf(region.html)).toContain('You see Phoenix Recovery Community’s admins only');
    expect(cardOf(region.html, 'Sam')).toContain('Disable account');
    expect(cardOf(region.html, 'Cleo')).toBeUndefined();
    expect(textOf(region.html)).not.toContain('pat@phoenix.example.org');

    expectForbidden(await val.get(team));
    expectNotFound(await sam.get('/leros/00000000-0000-7000-8000-000000000000/team'));
    expect(textOf((await sam.get(`/leros/${lero.leroId}`)).html)).toContain('Who is in the team');
  });

  it('takes a role away after a confirmation; a coordinator only volunteers’ and members’', async () => {
    const vic = await join('vic@phoenix.example.org', 'volunteer', 'Vic');
    expect((await vic.get(`/leros/${lero.leroId}`)).status).toBe(200);
    const page = await cleo.get(team);
    const removeHref = hrefOf(cardHtml(page.html, 'Vic'), 'Remove as volunteer');
    const confirmPage = await cleo.get(removeHref);
    expect(textOf(confirmPage.html)).toContain('Remove Vic as volunteer?');
    const done = await cleo.follow(await cleo.post(removeHref, {}));
    expect(textOf(done.html)).toContain('Vic is no longer a volunteer at Phoenix Recovery Community');
    expect(cardOf(done.html, 'Vic')).toBeUndefined();
    // A coordinator cannot take an admin's role away, even by typing the address.
    const samsOwn = hrefOf(await sam.get('/account').then((p) => p.html), 'Give up this role');
    expectForbidden(await cleo.get(samsOwn));
    expectForbidden(await val.get(samsOwn));
  });

  it('keeps the last admin: Sam cannot give up the only admin role', async () => {
    const account = await sam.get('/account');
    const giveUp = hrefOf(account.html, 'Give up this role');
    const refused = await sam.post(giveUp, {});
    expect(refused.status).toBe(409);
    expect(textOf(refused.html)).toContain('must keep at least one admin');
  });

  it('lets a volunteer give up their own role from their account page', async () => {
    const vera = await join('vera@phoenix.example.org', 'volunteer', 'Vera');
    const account = await vera.get('/account');
    const giveUp = hrefOf(account.html, 'Give up this role');
    expect(textOf((await vera.get(giveUp)).html)).toContain(
      'Give up your volunteer role at Phoenix Recovery Community?',
    );
    const done = await vera.follow(await vera.post(giveUp, {}));
    expect(textOf(done.html)).toContain('You are no longer a volunteer at Phoenix Recovery Community');
    expect(cardOf((await sam.get(team)).html, 'Vera')).toBeUndefined();
  });

  it('cancels an invitation after a confirmation: its link no longer works', async () => {
    const token = await lero.invite('gone@phoenix.example.org', 'volunteer');
    const page = await sam.get(team);
    const cancel = hrefOf(cardHtml(page.html, 'gone@phoenix.example.org'), 'Cancel');
    const done = await confirm(sam, cancel);
    expect(textOf(done.html)).toContain('The link for gone@phoenix.example.org no longer works');
    const late = new PageClient(h.webUrl);
    await late.get(`/invitations/accept?token=${encodeURIComponent(token)}`);
    const refused = await late.post('/invitations/accept', {
      token,
      email: 'gone@phoenix.example.org',
      displayName: 'Gone',
      password: passphraseOf('Gone'),
    });
    expect(refused.status).toBe(410);
    expect(textOf(refused.html)).toContain('This invitation has been cancelled');
  });

  it('resets a volunteer’s password: a link shown once, the old password gone, a new one chosen', async () => {
    const rae = await join('rae@phoenix.example.org', 'volunteer', 'Rae');
    const reset = hrefOf(cardHtml((await sam.get(team)).html, 'Rae'), 'Reset password');
    expect(textOf((await sam.get(reset)).html)).toContain('Reset Rae’s password?');
    const shown = await sam.follow(await sam.post(reset, {}));
    expect(textOf(shown.html)).toContain('Hearth cannot send email here');
    const link = linkIn(shown.html, 'reset-link');
    expect(link.pathname).toBe('/password-reset');
    expect((await sam.get(`${reset}/done`)).location).toBe(team); // shown once
    h.clock.offsetMs = 20 * 60 * 1000; // Rae's next page needs a new access token: her sign-in has ended
    try {
      expect((await rae.get('/account')).status).toBe(303);
    } finally {
      h.clock.offsetMs = 0;
    }
    const stranger = new PageClient(h.webUrl);
    const form = await stranger.get(`${link.pathname}${link.search}`);
    expect(textOf(form.html)).toContain('Choose a new password');
    const short = await stranger.post('/password-reset', {
      token: link.searchParams.get('token')!,
      newPassword: 'short',
    });
    expect(errorSummaryLinks(short.html)).toEqual(['#newPassword']);
    const set = await stranger.post('/password-reset', {
      token: link.searchParams.get('token')!,
      newPassword: 'Rae’s brand new passphrase',
    });
    expect(set.location).toBe('/sign-in');
    expect(
      (await signIn(new PageClient(h.webUrl), 'rae@phoenix.example.org', passphraseOf('Rae'))).status,
    ).toBe(401);
    expect(
      (await signIn(new PageClient(h.webUrl), 'rae@phoenix.example.org', 'Rae’s brand new passphrase'))
        .status,
    ).toBe(303);
    const again = await stranger.post('/password-reset', {
      token: link.searchParams.get('token')!,
      newPassword: 'yet another passphrase',
    });
    expect(again.status).toBe(410);
  });

  it('changes one’s own password and stays signed in here, signed out elsewhere', async () => {
    const elsewhere = cleo.clone();
    await cleo.get('/account/password');
    const wrong = await cleo.post('/account/password', {
      currentPassword: 'not my password',
      newPassword: 'Cleo’s new passphrase',
    });
    expect(wrong.status).toBe(400);
    expect(errorSummaryLinks(wrong.html)).toEqual(['#currentPassword']);
    const changed = await cleo.follow(
      await cleo.post('/account/password', {
        currentPassword: passphraseOf('Cleo'),
        newPassword: 'Cleo’s new passphrase',
      }),
    );
    expect(textOf(changed.html)).toContain('Password changed');
    expect((await cleo.get('/account')).status).toBe(200);
    h.clock.offsetMs = 20 * 60 * 1000; // the other tab's access token needs refreshing
    try {
      expect((await elsewhere.get('/account')).location).toBe('/sign-in?next=%2Faccount');
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it('signs out everywhere after a confirmation', async () => {
    const tab = val.clone();
    await val.get('/account/sign-out-everywhere');
    const out = await val.post('/account/sign-out-everywhere', {});
    expect(out.location).toBe('/sign-in');
    expect(textOf((await val.follow(out)).html)).toContain('You have signed out everywhere');
    h.clock.offsetMs = 20 * 60 * 1000;
    try {
      expect((await tab.get('/account')).status).toBe(303);
    } finally {
      h.clock.offsetMs = 0;
    }
    val = new PageClient(h.webUrl);
    await signIn(val, 'val@phoenix.example.org', passphraseOf('Val'));
  });

  it('lets a platform admin disable an account: it cannot sign in until enabled again', async () => {
    await join('dee@phoenix.example.org', 'volunteer', 'Dee');
    const regionView = await admin.get(team);
    expect(cardOf(regionView.html, 'Dee')).toBeUndefined(); // volunteers are the LERO's own people
    const samDisable = hrefOf(cardHtml(regionView.html, 'Sam'), 'Disable account');
    expect(textOf((await admin.get(samDisable)).html)).toContain('Disable Sam’s account?');
    expectForbidden(await sam.get(samDisable));
    const done = await admin.follow(await admin.post(samDisable, {}));
    expect(textOf(done.html)).toContain('Sam cannot sign in until it is enabled again');
    expectCard(done.html, 'Sam', 'Disabled');
    const refused = await signIn(new PageClient(h.webUrl), 'sam@phoenix.example.org', passphraseOf('Sam'));
    expect(refused.status).toBe(403);
    expect(textOf(refused.html)).toContain('This account has been disabled');
  });

  it('appoints an admin for a LERO with none (break glass): with a reason, notice and a pending link', async () => {
    // Sam, its only admin, was disabled above: the region's staff are told, and may appoint one.
    const home = await admin.get(`/leros/${lero.leroId}`);
    expect(textOf(home.html)).toContain('has no admin who can sign in');
    const appoint = `${team}/appoint`;
    expect((await cleo.get(appoint)).status).toBe(403);
    await admin.get(appoint);
    const empty = await admin.post(appoint, { email: '', reason: 'short' });
    expect(errorSummaryLinks(empty.html)).toEqual(['#email', '#reason']);
    const noContact = await admin.post(appoint, {
      email: 'cleo@phoenix.example.org',
      reason: 'Sam is away for months; Cleo will run it',
    });
    expect(noContact.status).toBe(409);
    expect(textOf(noContact.html)).toContain('has no contact email');
    // With no admin who can sign in, the region may set the LERO's contact email.
    await apiCall(h, 'PATCH', `/api/v1/tenants/${lero.leroId}`, await platformToken(), {
      contactEmail: 'hello@phoenix.example.org',
    });
    const self = await admin.post(appoint, { email: h.admin.email, reason: 'Sam is away for months' });
    expect(self.status).toBe(403);
    expect(textOf(self.html)).toContain('Nobody can give a role to their own account');
    const made = await admin.follow(
      await admin.post(appoint, {
        email: 'cleo@phoenix.example.org',
        reason: 'Sam is away for months; Cleo will run it',
      }),
    );
    expect(textOf(made.html)).toContain(
      'cleo@phoenix.example.org becomes an admin of Phoenix Recovery Community',
    );
    expect(textOf(made.html)).toContain('tell Phoenix Recovery Community’s contact yourself');
    const link = invitationLinkOn(made.html);

    const pending = await cleo.get(team);
    expectCard(
      pending.html,
      'cleo@phoenix.example.org',
      'appointed by the region',
      'Takes effect',
      'Sam is away',
    );
    const early = await cleo.post('/invitations/accept', {
      token: link.searchParams.get('token')!,
      email: 'cleo@phoenix.example.org',
      displayName: 'Cleo',
      password: 'Cleo’s new passphrase',
    });
    expect(early.status).toBe(409);
    expect(textOf(early.html)).toContain('This appointment takes effect on');

    // Enabling Sam again: the LERO has an admin, so the region sees no warning.
    const enable = hrefOf(cardHtml((await admin.get(team)).html, 'Sam'), 'Enable account');
    await confirm(admin, enable);
    expect(textOf((await admin.get(`/leros/${lero.leroId}`)).html)).not.toContain(
      'has no admin who can sign in',
    );
  });

  it('shows a region’s team to its admins, and takes a commissioner’s role away', async () => {
    const email = 'cass@commissioning.example.org';
    const { token } = await apiCall<{ token: string }>(
      h,
      'POST',
      `/api/v1/regions/${lero.regionId}/invitations`,
      await platformToken(),
      { email, role: 'commissioner' },
    );
    const cass = await acceptThroughWeb(h, token, email, 'Cass');
    const page = await admin.get(`/regions/${lero.regionId}/team`);
    expectCard(page.html, 'Cass', 'Commissioner', 'Remove as commissioner');
    expectForbidden(await cass.get(`/regions/${lero.regionId}/team`));
    expectNotFound(await val.get(`/regions/${lero.regionId}/team`));
    const done = await confirm(admin, hrefOf(cardHtml(page.html, 'Cass'), 'Remove as commissioner'));
    expect(textOf(done.html)).toContain('Cass is no longer a commissioner');
    expect(cardOf(done.html, 'Cass')).toBeUndefined();
  });
});
