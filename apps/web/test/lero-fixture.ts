import { DateTime } from 'luxon';
import { Authenticators, PageClient, type PageResponse, textOf, totpCodeFor } from '@hearth/testing';
import type { WebHarness } from './web.harness';

/** A call to the gateway's API as a test sets up what the pages under test do not create themselves. */
export async function apiCall<T>(
  h: WebHarness,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${h.hearth.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export const errorSummaryLinks = (html: string) =>
  [
    ...(html.match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/)?.[0] ?? '').matchAll(/href="(#[^"]+)"/g),
  ].map((m) => m[1]);

/** The invitation link a page shows in its copy field. */
export const invitationLinkOn = (html: string): URL => {
  const match = html.match(/<textarea[^>]*id="invitation-link"[^>]*>([^<]+)<\/textarea>/);
  if (!match) throw new Error(`no invitation link on the page: ${textOf(html).slice(0, 300)}`);
  return new URL(match[1].replace(/&amp;/g, '&'));
};

/** The password someone accepting an invitation in these tests chooses. */
export const passphraseOf = (displayName: string) => `${displayName}’s long passphrase`;

export const SET_UP_PATH = '/account/two-factor/set-up';

/** The setup key a set-up page shows in text (grouped in fours), as someone would type it into their app. */
export const setupKeyOn = (html: string): string => {
  const match = /<code id="setup-key">([^<]+)<\/code>/.exec(html);
  if (!match) throw new Error(`no setup key on the page: ${textOf(html).slice(0, 300)}`);
  return match[1].replace(/\s/g, '');
};

/** The recovery codes a page shows once. */
export const recoveryCodesOn = (html: string): string[] =>
  [...html.matchAll(/<li><code>([^<]+)<\/code><\/li>/g)].map((m) => m[1]);

/**
 * Sets up two-factor sign-in on the set-up page, as the person would: the key the page shows typed into an
 * app (the same library computes the code), the code and the password; the recovery codes page follows.
 * Returns that page; the app is remembered in `h.given.authenticators` for later sign-ins.
 */
export async function setUpTwoFactorThroughWeb(
  h: WebHarness,
  client: PageClient,
  email: string,
  password: string,
): Promise<PageResponse> {
  const page = await client.get(SET_UP_PATH);
  if (page.status !== 200) throw new Error(`set-up page for ${email}: ${page.status}`);
  const secret = setupKeyOn(page.html);
  const step = Authenticators.currentStep();
  const done = await client.post(SET_UP_PATH, { code: totpCodeFor(secret, step), currentPassword: password });
  if (done.location !== '/account/two-factor/recovery-codes')
    throw new Error(`setting up for ${email}: ${done.status} ${textOf(done.html).slice(0, 300)}`);
  const codes = await client.follow(done);
  h.given.authenticators.remember(email, secret, step, recoveryCodesOn(codes.html));
  return codes;
}

/**
 * Signs in through the pages as the person would: the password, then the code from their app when the page
 * asks; an admin who has not set up two-factor sign-in is sent to do so, and does. Returns the last answer.
 */
export async function signInThroughWeb(
  h: WebHarness,
  client: PageClient,
  email: string,
  password: string,
): Promise<PageResponse> {
  // The code first: if the app's next code is a while away, the sign-in is not yet waiting for it.
  const code = h.given.authenticators.has(email) ? await h.given.authenticators.code(email) : undefined;
  await client.get('/sign-in');
  let res = await client.post('/sign-in', { email, password });
  if (res.location === '/sign-in/code') {
    if (!code) throw new Error(`${email} was asked for a code, but has no authenticator in this test`);
    await client.get('/sign-in/code');
    res = await client.post('/sign-in/code', { code });
  }
  if (res.location === SET_UP_PATH) return setUpTwoFactorThroughWeb(h, client, email, password);
  return res;
}

/**
 * Accepts an invitation through the web app, as the invited person would; they are then signed in (an admin
 * sets up two-factor sign-in on the page they are sent to).
 */
export async function acceptThroughWeb(
  h: WebHarness,
  token: string,
  email: string,
  displayName: string,
): Promise<PageClient> {
  const client = new PageClient(h.webUrl);
  await client.get(`/invitations/accept?token=${encodeURIComponent(token)}`);
  const res = await client.post('/invitations/accept', {
    token,
    email,
    displayName,
    password: passphraseOf(displayName),
  });
  if (res.status !== 303)
    throw new Error(`accepting as ${email}: ${res.status} ${textOf(res.html).slice(0, 300)}`);
  if (res.location === SET_UP_PATH)
    await setUpTwoFactorThroughWeb(h, client, email, passphraseOf(displayName));
  return client;
}

/**
 * Sam invites each `[name, role]` through the LERO's team page (a sign-in of theirs through the API would wait for a
 * fresh code); the answer joins one of them through the web app as `{name}@{slug}.example.org`, signed in.
 */
export async function invitedThroughWeb(
  h: WebHarness,
  f: LeroFixture & { sam: PageClient },
  people: [string, string][],
): Promise<(name: string) => Promise<PageClient>> {
  const team = `/leros/${f.leroId}/team`;
  await f.sam.get(`${team}/invite`);
  const tokens = new Map<string, string>();
  for (const [name, role] of people) {
    const invited = await f.sam.post(`${team}/invite`, {
      email: `${name.toLowerCase()}@${f.slug}.example.org`,
      role,
    });
    tokens.set(name, invitationLinkOn((await f.sam.follow(invited)).html).searchParams.get('token')!);
  }
  return (name) =>
    acceptThroughWeb(h, tokens.get(name)!, `${name.toLowerCase()}@${f.slug}.example.org`, name);
}

export interface LeroFixture {
  adminToken: string;
  regionId: string;
  leroId: string;
  slug: string;
  /** An invitation token for someone to join the LERO, made by its admin (Sam). */
  invite(email: string, role: string, memberId?: string): Promise<string>;
}

/** A region and an active LERO ("phoenix"), through the API as the platform admin. */
export async function setUpLero(h: WebHarness, slug = 'phoenix'): Promise<LeroFixture & { sam: PageClient }> {
  const adminToken = await h.given.platformAdmin();
  const region = await apiCall<{ id: string }>(h, 'POST', '/api/v1/regions', adminToken, {
    name: 'North East',
    slug: `north-east-${slug}`,
  });
  const lero = await apiCall<{ id: string; invitation: { token: string } }>(
    h,
    'POST',
    '/api/v1/tenants',
    adminToken,
    {
      regionId: region.id,
      name: 'Phoenix Recovery Community',
      slug,
      adminEmail: `sam@${slug}.example.org`,
    },
  );
  const sam = await acceptThroughWeb(h, lero.invitation.token, `sam@${slug}.example.org`, 'Sam');
  // Roles inside the LERO are its own admin's to give: a fresh token when needed (they live a minute).
  const samApiToken = () => h.given.login(`sam@${slug}.example.org`, passphraseOf('Sam'));
  return {
    adminToken,
    regionId: region.id,
    leroId: lero.id,
    slug,
    sam,
    async invite(email, role, memberId) {
      const invitation = await apiCall<{ token: string }>(
        h,
        'POST',
        `/api/v1/tenants/${lero.id}/invitations`,
        await samApiToken(),
        { email, role, ...(memberId ? { memberId } : {}) },
      );
      return invitation.token;
    },
  };
}

/** The address a member of the fixture's LERO is invited at ("ann@phoenix.example.org"). */
export const memberEmail = (name: string) => `${name.toLowerCase()}@phoenix.example.org`;

/**
 * Invitations for advocacy's pages (consultations, testimony): each of `people` as a member linked to a new member
 * record, then each of `others` (`[email, role]`), all made with one API token of Sam's — each sign-in of Sam's
 * spends a code of their authenticator. The tokens, in that order.
 */
export async function castInvitations(
  h: WebHarness,
  f: LeroFixture,
  people: string[],
  others: [email: string, role: string][],
): Promise<string[]> {
  const token = await h.given.login('sam@phoenix.example.org', passphraseOf('Sam'));
  const records = await Promise.all(
    people.map((name) =>
      apiCall<{ id: string }>(h, 'POST', `/api/v1/tenants/${f.leroId}/members`, token, { displayName: name }),
    ),
  );
  const invite = async (address: string, role: string, memberId?: string) =>
    (
      await apiCall<{ token: string }>(h, 'POST', `/api/v1/tenants/${f.leroId}/invitations`, token, {
        email: address,
        role,
        ...(memberId ? { memberId } : {}),
      })
    ).token;
  return Promise.all([
    ...people.map((name, i) => invite(memberEmail(name), 'member', records[i].id)),
    ...others.map(([address, role]) => invite(address, role)),
  ]);
}

/** The boxes of the activity form for a first session at `start` (London wall clock). */
export function firstSessionAt(start: DateTime): Record<string, string> {
  const local = start.setZone('Europe/London');
  return {
    'startDate-day': String(local.day),
    'startDate-month': String(local.month),
    'startDate-year': String(local.year),
    startTime: local.toFormat('HH:mm'),
  };
}
