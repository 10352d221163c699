import { DateTime } from 'luxon';
import { PageClient, textOf } from './page-client';
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

/** Accepts an invitation through the web app, as the invited person would; they are then signed in. */
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
  return client;
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
  const { accessToken: adminToken } = await apiCall<{ accessToken: string }>(
    h,
    'POST',
    '/api/v1/auth/login',
    undefined,
    {
      email: h.admin.email,
      password: h.admin.password,
    },
  );
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
  // Roles inside the LERO are its own admin's to give: signed in when needed (access tokens live a minute).
  const samApiToken = async () =>
    (
      await apiCall<{ accessToken: string }>(h, 'POST', '/api/v1/auth/login', undefined, {
        email: `sam@${slug}.example.org`,
        password: passphraseOf('Sam'),
      })
    ).accessToken;
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
