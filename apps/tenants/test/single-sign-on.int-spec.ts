import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  AppError,
  TenantsClient,
  isSecondFactorChallenge,
  isSsoLinkRequired,
  type Actor,
  type LoginResult,
  type RequestContext,
  type SsoCallbackResult,
  type TokenPair,
} from '@hearth/contracts';
import { MessageClient, createNatsClient } from '@hearth/messaging';
import { migrateAll } from '@hearth/persistence';
import {
  createTestDatabase,
  startTestNats,
  startTestOidcProvider,
  testTrust,
  totpCodeFor,
  uniqueName,
  withClient,
  type TestDatabase,
  type TestIdentity,
  type TestNats,
  type TestOidcProvider,
} from '@hearth/testing';
import { TENANTS_SCHEMA } from '../src/tenants-database';
import { createTenantsApp } from '../src/tenants.app';
import type { TenantsOptions } from '../src/tenants.options';

const PUBLIC_URL = 'http://hearth.test';
const REDIRECT_URI = `${PUBLIC_URL}/sign-in/sso/callback`;
const PASSWORD = 'a-long-enough-password';

const actorOf = (tokens: TokenPair): Actor => {
  const payload = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1], 'base64url').toString()) as {
    sub: string;
    email: string;
    grants: Actor['grants'];
  };
  return { accountId: payload.sub, email: payload.email, grants: payload.grants };
};

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (err: unknown) =>
      err instanceof AppError ? `${err.code}:${String(err.details?.reason ?? '')}` : String(err),
  );

/** Single sign-on (ADR 80) against a real OpenID provider on a loopback port, over real NATS and Postgres. */
describe('single sign-on with an OpenID provider', () => {
  let db: TestDatabase;
  let nats: TestNats;
  let app: NestFastifyApplication;
  let bus: MessageClient;
  let client: TenantsClient;
  let idp: TestOidcProvider;
  let clockOffset = 0;
  const ctx = (actor?: Actor): RequestContext => testTrust.ctx(actor);
  const root: Actor = { accountId: '', email: 'root@example.org', grants: [{ role: 'platform-admin' }] };
  let regionId: string;
  let leroA: string;
  let leroB: string;
  let providerId: string;
  const domain = `${uniqueName('lero').replaceAll('_', '-')}.example.org`;
  const coordinatorA = `coord@${domain}`;
  const coordinatorB = `other-coord@${domain}`;

  /** A LERO in the region with an admin (accepted) and a coordinator (accepted), at the emails given. */
  const lero = async (adminEmail: string, coordinatorEmail: string) => {
    const slug = uniqueName('sso-lero').replaceAll('_', '-');
    const onboarded = await client.createTenant(ctx(root), { regionId, name: slug, slug, adminEmail });
    await client.transitionTenant(ctx(root), onboarded.id, 'activate');
    const { accountId } = await client.acceptInvitation(ctx(), {
      token: onboarded.invitation.token,
      password: PASSWORD,
      displayName: 'Admin',
    });
    const admin: Actor = {
      accountId,
      email: adminEmail,
      grants: [{ role: 'tenant-admin', tenantId: onboarded.id }],
    };
    const invitation = await client.inviteToTenant(ctx(admin), onboarded.id, {
      email: coordinatorEmail,
      role: 'coordinator',
    });
    await client.acceptInvitation(ctx(), { token: invitation.token, password: PASSWORD, displayName: 'Co' });
    admins.set(onboarded.id, admin);
    return onboarded.id;
  };
  const admins = new Map<string, Actor>();

  beforeAll(async () => {
    nats = await startTestNats();
    db = await createTestDatabase();
    idp = await startTestOidcProvider(REDIRECT_URI);
    await migrateAll([TENANTS_SCHEMA], db.ownerUrl, db.urlFor);
    const options: TenantsOptions = {
      databaseUrl: db.urlFor(TENANTS_SCHEMA.schema),
      signingKey: testTrust.accessKeys.privateKey,
      totpEncryptionKey: randomBytes(32),
      adminEmail: root.email,
      adminPassword: 'root-password-long',
      publicUrl: PUBLIC_URL,
      ssoAllowLoopbackIssuers: true,
      now: () => new Date(Date.now() + clockOffset),
    };
    app = await createTenantsApp(options, { ...nats.as('tenants'), trust: testTrust.trust }, 'warn');
    await app.init();
    bus = new MessageClient(createNatsClient(nats.as('gateway')), 20_000);
    client = new TenantsClient(bus);
    const rootTokens = await client.login(ctx(), { email: root.email, password: 'root-password-long' });
    root.accountId = actorOf(rootTokens as TokenPair).accountId;
    const slug = uniqueName('sso-region').replaceAll('_', '-');
    regionId = (await client.createRegion(ctx(root), { name: 'SSO region', slug })).id;
    leroA = await lero(`admin-a@${domain}`, coordinatorA);
    leroB = await lero(`admin-b@${domain}`, coordinatorB);
    const created = await client.createIdentityProvider(ctx(root), {
      tenantId: leroA,
      displayName: 'LERO A Workspace',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      allowedDomains: [domain],
    });
    providerId = created.id;
  });

  afterAll(async () => {
    await bus?.close();
    await app?.close();
    await idp?.stop();
    await db?.drop();
    await nats?.stop();
  });

  afterEach(() => {
    clockOffset = 0;
    idp.idTokenTtl(3600);
  });

  /** A whole sign-in at the provider as `who`; `tamper` changes the authorisation address first. */
  const ssoAs = async (
    who: TestIdentity,
    tamper?: (url: URL) => void,
    invitationToken?: string,
  ): Promise<SsoCallbackResult> => {
    idp.signInAs(who);
    const { authorizationUrl, binding } = await client.ssoStart(ctx(), { providerId });
    const url = new URL(authorizationUrl);
    tamper?.(url);
    const answer = await idp.authorise(url.toString());
    return client.ssoCallback(ctx(), {
      binding,
      code: answer.get('code')!,
      state: answer.get('state')!,
      iss: answer.get('iss') ?? undefined,
      ...(invitationToken ? { invitationToken } : {}),
    });
  };
  /** A new coordinator of LERO A, with an account and the test password: their account id. */
  const coordinatorOfA = async (email: string): Promise<string> => {
    const invitation = await client.inviteToTenant(ctx(admins.get(leroA)), leroA, {
      email,
      role: 'coordinator',
    });
    const accepted = await client.acceptInvitation(ctx(), {
      token: invitation.token,
      password: PASSWORD,
      displayName: 'Co',
    });
    return accepted.accountId;
  };
  /** How many identities are linked to an account. */
  const linksOf = async (accountId: string): Promise<number> =>
    (
      await withClient(db.ownerUrl, (c) =>
        c.query('select 1 from tenants.account_identities where account_id = $1', [accountId]),
      )
    ).rows.length;
  const person = (email: string, emailVerified = true): TestIdentity => ({
    sub: `sub-${email}`,
    email,
    emailVerified,
  });

  it('signs nobody in until a platform admin has verified the provider’s domains', async () => {
    expect(await codeOf(client.ssoStart(ctx(), { providerId }))).toBe('UNAUTHENTICATED:SsoFlowUnknown');
    const asRegionAdmin: Actor = {
      accountId: root.accountId,
      email: 'ra@example.org',
      grants: [{ role: 'region-admin', regionId }],
    };
    expect(
      await codeOf(client.verifyIdentityProviderDomains(ctx(asRegionAdmin), { providerId, tenantId: leroA })),
    ).toBe('FORBIDDEN:PlatformAdminOnly');
    expect((await client.ssoProvidersForEmail(ctx(), { email: coordinatorA })).items).toEqual([]);
    // Named through another LERO, the provider is missing.
    expect(
      await codeOf(client.verifyIdentityProviderDomains(ctx(root), { providerId, tenantId: leroB })),
    ).toBe('NOT_FOUND:');
    const verified = await client.verifyIdentityProviderDomains(ctx(root), { providerId, tenantId: leroA });
    expect((await client.ssoProvidersForEmail(ctx(), { email: coordinatorA.toUpperCase() })).items).toEqual([
      { id: providerId, displayName: 'LERO A Workspace' },
    ]);
    expect((await client.ssoProvidersForEmail(ctx(), { email: 'x@elsewhere.example.net' })).items).toEqual(
      [],
    );
    expect((await client.listIdentityProviders(ctx(root), { tenantId: leroB })).items).toEqual([]);
    expect(verified.domainsVerifiedAt).not.toBeNull();
    expect(verified).not.toHaveProperty('clientSecret');
  });

  it('links a coordinator once with their password, then signs them in with the provider alone', async () => {
    const first = await ssoAs(person(coordinatorA));
    if (!isSsoLinkRequired(first)) throw new Error('expected a link offer');
    expect(first.email).toBe(coordinatorA);
    expect(
      await codeOf(client.ssoLink(ctx(), { linkToken: first.linkToken, password: 'wrong-password!' })),
    ).toBe('UNAUTHENTICATED:');
    const linked = (await client.ssoLink(ctx(), {
      linkToken: first.linkToken,
      password: PASSWORD,
    })) as LoginResult;
    expect(isSecondFactorChallenge(linked)).toBe(false);
    expect(actorOf(linked as TokenPair).grants).toEqual([{ role: 'coordinator', tenantId: leroA }]);
    // The offer worked once.
    expect(await codeOf(client.ssoLink(ctx(), { linkToken: first.linkToken, password: PASSWORD }))).toBe(
      'UNAUTHENTICATED:SsoLinkUnknown',
    );
    const again = await ssoAs(person(coordinatorA));
    expect(isSsoLinkRequired(again)).toBe(false);
    expect(actorOf(again as TokenPair).email).toBe(coordinatorA);
  });

  it('links no identity to a disabled account, even with its password', async () => {
    const email = `disabled@${domain}`;
    const accountId = await coordinatorOfA(email);
    const offer = await ssoAs(person(email));
    if (!isSsoLinkRequired(offer)) throw new Error('expected a link offer');
    await client.disableAccount(ctx(root), accountId);
    expect(await codeOf(client.ssoLink(ctx(), { linkToken: offer.linkToken, password: PASSWORD }))).toBe(
      'FORBIDDEN:AccountDisabled',
    );
    expect(await linksOf(accountId)).toBe(0);
  });

  it('links an account with two-factor sign-in only once its code is given, and an admin’s reset removes the link', async () => {
    const email = `two-factor@${domain}`;
    const accountId = await coordinatorOfA(email);
    const me: Actor = { accountId, email, grants: [{ role: 'coordinator', tenantId: leroA }] };
    const { secret } = await client.startTotp(ctx(me));
    const step = Math.floor(Date.now() / 30_000);
    await client.confirmTotp(ctx(me), { code: totpCodeFor(secret, step), currentPassword: PASSWORD });
    const links = () => linksOf(accountId);

    const offer = await ssoAs(person(email));
    if (!isSsoLinkRequired(offer)) throw new Error('expected a link offer');
    const challenge = await client.ssoLink(ctx(), { linkToken: offer.linkToken, password: PASSWORD });
    if (!isSecondFactorChallenge(challenge)) throw new Error('expected a second-factor challenge');
    // The password alone links nothing, and the offer is not spent by it either.
    expect(await links()).toBe(0);
    await client.secondFactor(ctx(), { challenge: challenge.challenge, code: totpCodeFor(secret, step + 1) });
    expect(await links()).toBe(1);
    // Linked: the provider signs in (to the account's challenge), no password asked.
    expect(isSecondFactorChallenge((await ssoAs(person(email))) as LoginResult)).toBe(true);

    await client.requestPasswordReset(ctx(admins.get(leroA)), accountId);
    expect(await links()).toBe(0);
    expect(isSsoLinkRequired(await ssoAs(person(email)))).toBe(true);
  });

  it('fetches a provider’s discovery document once in a while, not for each sign-in begun', async () => {
    await client.ssoStart(ctx(), { providerId });
    const fetched = idp.discoveries();
    await client.ssoStart(ctx(), { providerId });
    await client.ssoStart(ctx(), { providerId });
    expect(idp.discoveries()).toBe(fetched);
    clockOffset = 11 * 60_000;
    await client.ssoStart(ctx(), { providerId });
    expect(idp.discoveries()).toBe(fetched + 1);
  });

  it('takes an answer once, and only from whoever began the sign-in (its binding)', async () => {
    idp.signInAs(person(coordinatorA));
    const { authorizationUrl, binding } = await client.ssoStart(ctx(), { providerId });
    expect(binding).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const answer = await idp.authorise(authorizationUrl);
    const dto = { code: answer.get('code')!, state: answer.get('state')!, iss: answer.get('iss')!, binding };
    // Someone handed the provider's answer, without the binding, is told the flow is unknown, and spends nothing.
    const stolen = { ...dto, binding: (await client.ssoStart(ctx(), { providerId })).binding };
    expect(await codeOf(client.ssoCallback(ctx(), stolen))).toBe('UNAUTHENTICATED:SsoFlowUnknown');
    expect(isSsoLinkRequired(await client.ssoCallback(ctx(), dto))).toBe(false);
    expect(await codeOf(client.ssoCallback(ctx(), dto))).toBe('UNAUTHENTICATED:SsoFlowUnknown');
  });

  it('refuses an ID token with another nonce than the sign-in’s', async () => {
    const result = ssoAs(person(coordinatorA), (url) => url.searchParams.set('nonce', 'someone-elses-nonce'));
    expect(await codeOf(result)).toBe('UNAUTHENTICATED:SsoResponseRejected');
  });

  it('refuses an ID token that has expired', async () => {
    idp.idTokenTtl(1);
    idp.signInAs(person(coordinatorA));
    const { authorizationUrl, binding } = await client.ssoStart(ctx(), { providerId });
    const answer = await idp.authorise(authorizationUrl);
    clockOffset = 60_000;
    const result = client.ssoCallback(ctx(), {
      binding,
      code: answer.get('code')!,
      state: answer.get('state')!,
      iss: answer.get('iss')!,
    });
    expect(await codeOf(result)).toBe('UNAUTHENTICATED:SsoResponseRejected');
  });

  it('refuses an email the provider has not verified', async () => {
    expect(await codeOf(ssoAs(person(coordinatorA, false)))).toBe('FORBIDDEN:SsoEmailUnverified');
  });

  it('refuses an email outside the provider’s allowed domains', async () => {
    expect(await codeOf(ssoAs(person('someone@elsewhere.example.net')))).toBe('FORBIDDEN:SsoEmailNotAllowed');
  });

  it('refuses a platform admin’s email and another LERO’s coordinator’s, and creates no account', async () => {
    // The root admin's email is in no allowed domain; a provider allowed it too would still be refused.
    const wide = await client.createIdentityProvider(ctx(root), {
      tenantId: leroA,
      displayName: 'Too wide',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      allowedDomains: [domain, 'example.org'],
    });
    await client.verifyIdentityProviderDomains(ctx(root), { providerId: wide.id, tenantId: leroA });
    const viaWide = async (who: TestIdentity) => {
      idp.signInAs(who);
      const { authorizationUrl, binding } = await client.ssoStart(ctx(), { providerId: wide.id });
      const answer = await idp.authorise(authorizationUrl);
      return client.ssoCallback(ctx(), {
        binding,
        code: answer.get('code')!,
        state: answer.get('state')!,
        iss: answer.get('iss')!,
      });
    };
    expect(await codeOf(viaWide(person(root.email)))).toBe('FORBIDDEN:SsoAccountNotAllowed');
    expect(await codeOf(ssoAs(person(coordinatorB)))).toBe('FORBIDDEN:SsoAccountNotAllowed');
    expect(await codeOf(ssoAs(person(`nobody-yet@${domain}`)))).toBe('FORBIDDEN:SsoAccountNotAllowed');
    expect(await codeOf(client.login(ctx(), { email: `nobody-yet@${domain}`, password: PASSWORD }))).toBe(
      'UNAUTHENTICATED:',
    );
  });

  it('refuses an account with a role in the provider’s LERO and another in a LERO beyond it', async () => {
    const dual = `dual@${domain}`;
    for (const [tenantId, role] of [
      [leroA, 'coordinator'],
      [leroB, 'member'],
    ] as const) {
      const invitation = await client.inviteToTenant(ctx(admins.get(tenantId)), tenantId, {
        email: dual,
        role,
      });
      await client.acceptInvitation(ctx(), {
        token: invitation.token,
        password: PASSWORD,
        displayName: 'Dual',
      });
    }
    expect(await codeOf(ssoAs(person(dual)))).toBe('FORBIDDEN:SsoAccountNotAllowed');
  });

  it('answers another region’s or an unknown LERO’s provider set-up as missing', async () => {
    const outsider: Actor = {
      accountId: root.accountId,
      email: 'ra@example.org',
      grants: [{ role: 'region-admin', regionId: '0193a000-0000-7000-8000-000000000000' }],
    };
    const dto = {
      tenantId: leroA,
      displayName: 'Hijack',
      issuer: idp.issuer,
      clientId: 'x',
      clientSecret: 'y',
      allowedDomains: [domain],
    };
    expect(await codeOf(client.createIdentityProvider(ctx(outsider), dto))).toBe('NOT_FOUND:');
    expect(
      await codeOf(client.verifyIdentityProviderDomains(ctx(outsider), { providerId, tenantId: leroA })),
    ).toBe('NOT_FOUND:');
  });

  it('accepts a pending invitation through the provider for someone with no account, and links them', async () => {
    const invite = (tenantId: string, email: string) =>
      client.inviteToTenant(ctx(admins.get(tenantId)), tenantId, { email, role: 'volunteer' });
    const newcomer = `newcomer@${domain}`;
    // Another person's invitation, or another LERO's, is not accepted through this provider.
    const someoneElses = await invite(leroA, `someone-else@${domain}`);
    expect(await codeOf(ssoAs(person(newcomer), undefined, someoneElses.token))).toBe(
      'FORBIDDEN:SsoAccountNotAllowed',
    );
    const elsewhere = await invite(leroB, newcomer);
    expect(await codeOf(ssoAs(person(newcomer), undefined, elsewhere.token))).toBe(
      'FORBIDDEN:SsoAccountNotAllowed',
    );
    const own = await invite(leroA, newcomer);
    // The invitation page is offered the provider for this invitation, not for another LERO's or a stranger's.
    const offered = (invitationToken: string) => client.ssoProvidersForInvitation(ctx(), { invitationToken });
    expect((await offered(own.token)).items).toContainEqual({
      id: providerId,
      displayName: 'LERO A Workspace',
    });
    expect((await offered(elsewhere.token)).items).toEqual([]);
    expect((await offered('an-invitation-nobody-was-sent')).items).toEqual([]);
    // Someone with an account already accepts with their password: no provider is offered.
    expect((await offered((await invite(leroA, coordinatorB)).token)).items).toEqual([]);
    const joined = (await ssoAs(person(newcomer), undefined, own.token)) as TokenPair;
    expect(actorOf(joined).grants).toEqual([{ role: 'volunteer', tenantId: leroA }]);
    // Linked: the next sign-in needs no invitation and no password.
    const again = await ssoAs(person(newcomer));
    expect(actorOf(again as TokenPair).email).toBe(newcomer);
    // The invitation was spent.
    const reuse = client.acceptInvitation(ctx(), { token: own.token, password: PASSWORD, displayName: 'N' });
    expect(await codeOf(reuse)).toMatch(/:InvitationSpent$/);
    expect((await offered(own.token)).items).toEqual([]);
  });
});
