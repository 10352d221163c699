import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { MembershipClient, type Grant } from '@hearth/contracts';
import { MessageClient, createNatsClient } from '@hearth/messaging';
import { Authenticators, eventually, totpCodeFor, type ApiClient } from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { SSO_PUBLIC_URL, singleSignOnCases } from './single-sign-on.cases';

type Json = Record<string, unknown>;
type Pair = {
  accessToken: string;
  refreshToken: string;
  mfaSetupRequired?: true;
  recoveryCodesLeft?: number;
};
type Challenge = { mfaRequired: true; challenge: string; methods: string[]; expiresIn: number };

const PASSWORD = 'correct horse battery staple';
/** How long a sign-in waits for its second factor in this file (5 minutes in production). */
const CHALLENGE_TTL_MS = 3000;

const grantsIn = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { grants: Grant[] }).grants;
const rolesIn = (token: string) => grantsIn(token).map((g) => g.role);

const wrongCodeFor = (secret: string) => Authenticators.wrongCodeFor(secret);

/**
 * Two-factor sign-in (ADR 15) with a real authenticator: codes computed with the same library an app uses from
 * the secret the API gave, through the gateway and NATS to the tenants service and the services behind it.
 */
describe('two-factor sign-in (gateway → NATS → tenants)', () => {
  let h: DistributedHearth;
  let platform: string;
  let region: { id: string; slug: string };
  let n = 0;

  const login = (email: string, password = PASSWORD) =>
    h.api.post<Pair & Challenge & Json>('/api/v1/auth/login', { email, password });
  const secondFactor = (body: Json) => h.api.post<Pair & Json>('/api/v1/auth/login/second-factor', body);
  const log = async (tenantId: string) =>
    (
      await h.api
        .as(await h.given.platformAdmin())
        .get<{ items: { action: string; details: Json }[] }>(`/api/v1/tenants/${tenantId}/audit?limit=100`)
    ).body.items;

  /** A LERO whose first admin has accepted the invitation and set a password, and nothing more. */
  async function newLero() {
    const slug = `lero-${++n}-${region.slug}`;
    const email = `admin-${slug}@example.org`;
    const created = await h.api
      .as(platform)
      .post<{ id: string; invitation: { token: string } }>('/api/v1/tenants', {
        regionId: region.id,
        name: `LERO ${slug}`,
        slug,
        adminEmail: email,
      });
    const accepted = await h.api.post('/api/v1/invitations/accept', {
      token: created.body.invitation.token,
      password: PASSWORD,
      displayName: 'Sam',
    });
    expect(accepted.status).toBe(201);
    return { id: created.body.id, email };
  }

  /** Sets up an authenticator for a signed-in person; returns its secret and what confirming answered. */
  async function setUp(api: ApiClient, email: string) {
    const setup = await api.post<{ secret: string; otpauthUri: string; qrCodeSvg: string }>(
      '/api/v1/auth/two-factor/totp',
    );
    expect(setup.status).toBe(201);
    const step = Authenticators.currentStep();
    const confirmed = await api.post<{ recoveryCodes: string[]; tokens: Pair }>(
      '/api/v1/auth/two-factor/totp/confirm',
      { code: totpCodeFor(setup.body.secret, step), currentPassword: PASSWORD },
    );
    expect(confirmed.status).toBe(200);
    h.given.authenticators.remember(email, setup.body.secret, step, confirmed.body.recoveryCodes);
    return { secret: setup.body.secret, ...confirmed.body };
  }

  beforeAll(async () => {
    h = await startDistributedHearth({
      tenants: {
        secondFactorChallengeTtlMs: CHALLENGE_TTL_MS,
        publicUrl: SSO_PUBLIC_URL,
        ssoAllowLoopbackIssuers: true,
      },
    });
    platform = await h.given.platformAdmin();
    region = await h.given.region(platform);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lets a new LERO’s first admin in without their admin role, refused at every service, until they set it up', async () => {
    const lero = await newLero();
    const first = await login(lero.email);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accessToken: expect.any(String), mfaSetupRequired: true });
    expect(rolesIn(first.body.accessToken)).toEqual([]);
    const api = h.api.as(first.body.accessToken);
    const me = await api.get<Json>('/api/v1/me');
    expect(me.body).toMatchObject({
      grants: [{ role: 'tenant-admin', tenantId: lero.id }],
      twoFactor: { enabled: false, required: true, setupRequired: true, recoveryCodesLeft: 0 },
    });
    // At the gateway, the LERO is as unknown as any other…
    expect((await api.get(`/api/v1/tenants/${lero.id}/members`)).status).toBe(404);
    // …and a service asked directly, the gateway bypassed, refuses the admin action from the token alone.
    const bus = new MessageClient(createNatsClient(h.nats.as('gateway')), 3000);
    try {
      const refused = await new MembershipClient(bus)
        .createMember({ requestId: uuidv7(), token: first.body.accessToken, tenantId: lero.id }, lero.id, {
          displayName: 'Someone',
        })
        .then(
          () => 'created',
          (err: { code: string }) => err.code,
        );
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(refused);
    } finally {
      await bus.close();
    }

    // Setting up: a secret, its URI and QR code; a wrong code or password is a 400 on the field.
    const setup = await api.post<{
      secret: string;
      otpauthUri: string;
      qrCodeSvg: string;
      accountName: string;
    }>('/api/v1/auth/two-factor/totp');
    expect(setup.status).toBe(201);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauthUri).toBe(
      `otpauth://totp/Hearth:${encodeURIComponent(lero.email)}?issuer=Hearth&secret=${setup.body.secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(setup.body.qrCodeSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect((await api.get<Json>('/api/v1/auth/two-factor/totp')).body.secret).toBe(setup.body.secret);
    const step = Authenticators.currentStep();
    const wrongCode = await api.post<Json>('/api/v1/auth/two-factor/totp/confirm', {
      code: wrongCodeFor(setup.body.secret),
      currentPassword: PASSWORD,
    });
    expect([wrongCode.status, wrongCode.body.reason]).toEqual([400, 'WrongCode']);
    const wrongPassword = await api.post<Json>('/api/v1/auth/two-factor/totp/confirm', {
      code: totpCodeFor(setup.body.secret, step),
      currentPassword: 'not my password',
    });
    expect([wrongPassword.status, wrongPassword.body.reason]).toEqual([400, 'WrongPassword']);
    const confirmed = await api.post<{ recoveryCodes: string[]; tokens: Pair }>(
      '/api/v1/auth/two-factor/totp/confirm',
      { code: totpCodeFor(setup.body.secret, step), currentPassword: PASSWORD },
    );
    expect(confirmed.status).toBe(200);
    h.given.authenticators.remember(lero.email, setup.body.secret, step, confirmed.body.recoveryCodes);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    for (const code of confirmed.body.recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    // The new sign-in has the role; the one from before (password only) has ended.
    const tokens = confirmed.body.tokens;
    expect(tokens.mfaSetupRequired).toBeUndefined();
    expect(rolesIn(tokens.accessToken)).toEqual(['tenant-admin']);
    expect((await h.api.as(tokens.accessToken).get(`/api/v1/tenants/${lero.id}/members`)).status).toBe(200);
    expect((await h.api.post('/api/v1/auth/refresh', { refreshToken: first.body.refreshToken })).status).toBe(
      401,
    );
    const refreshed = await h.api.post<Pair>('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(rolesIn(refreshed.body.accessToken)).toEqual(['tenant-admin']);
    expect((await h.api.as(tokens.accessToken).get<Json>('/api/v1/me')).body.twoFactor).toMatchObject({
      enabled: true,
      setupRequired: false,
      recoveryCodesLeft: 10,
    });
    expect((await h.api.as(tokens.accessToken).get<Json>('/api/v1/auth/two-factor/totp')).status).toBe(404);
    expect(await log(lero.id)).toContainEqual(expect.objectContaining({ action: 'two-factor.enabled' }));
  });

  it('signs in with a code once: the challenge works once, and a replayed code is refused', async () => {
    const lero = await newLero();
    await h.given.signIn(lero.email, PASSWORD);
    const challenged = await login(lero.email);
    expect(challenged.status).toBe(200);
    expect(challenged.body).toEqual({
      mfaRequired: true,
      challenge: expect.any(String),
      methods: ['totp', 'recovery-code'],
      expiresIn: CHALLENGE_TTL_MS / 1000,
    });
    const code = await h.given.authenticators.code(lero.email);
    const signedIn = await secondFactor({ challenge: challenged.body.challenge, code });
    expect(signedIn.status).toBe(200);
    expect(rolesIn(signedIn.body.accessToken)).toEqual(['tenant-admin']);
    const again = await secondFactor({ challenge: challenged.body.challenge, code });
    expect([again.status, again.body.reason]).toEqual([401, 'ChallengeExpired']);
    // The same code with a new challenge, within its 30 seconds: refused.
    const replay = await secondFactor({ challenge: (await login(lero.email)).body.challenge, code });
    expect([replay.status, replay.body.reason]).toEqual([401, 'CodeReused']);
  });

  it('counts wrong codes toward the account’s sign-in throttle, and the fifth ends the challenge', async () => {
    const lero = await newLero();
    await h.given.signIn(lero.email, PASSWORD);
    const secret = h.given.authenticators.secretOf(lero.email);
    const challenge = (await login(lero.email)).body.challenge;
    const reasons = [];
    for (let i = 0; i < 5; i++)
      reasons.push((await secondFactor({ challenge, code: wrongCodeFor(secret) })).body.reason);
    expect(reasons).toEqual(['WrongCode', 'WrongCode', 'WrongCode', 'WrongCode', 'WrongCode']);
    const spent = await secondFactor({ challenge, code: wrongCodeFor(secret) });
    expect([spent.status, spent.body.reason]).toEqual([401, 'ChallengeExpired']);
    // Knowing the password buys no fresh guesses: it waits too.
    const throttled = await login(lero.email);
    expect([throttled.status, throttled.body.reason]).toEqual([429, 'SignInThrottled']);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    // Once the wait is over, the right password and code sign in, and that clears the count.
    const next = await h.given.authenticators.code(lero.email);
    const retry = await eventually(
      async () => {
        const res = await login(lero.email);
        expect(res.status).toBe(200);
        return res;
      },
      { timeoutMs: 5000 },
    );
    expect((await secondFactor({ challenge: retry.body.challenge, code: next })).status).toBe(200);
    expect((await login(lero.email, 'a wrong password')).status).toBe(401);
    expect((await login(lero.email)).status).toBe(200);
  });

  it('takes a recovery code once, ends every other sign-in, and logs it', async () => {
    const lero = await newLero();
    const before = await h.given.signIn(lero.email, PASSWORD);
    const recoveryCode = h.given.authenticators.takeRecoveryCode(lero.email);
    const used = await secondFactor({
      challenge: (await login(lero.email)).body.challenge,
      recoveryCode: recoveryCode.toUpperCase().replace('-', ' '),
    });
    expect(used.status).toBe(200);
    expect(used.body.recoveryCodesLeft).toBe(9);
    expect(rolesIn(used.body.accessToken)).toEqual(['tenant-admin']);
    expect((await h.api.post('/api/v1/auth/refresh', { refreshToken: before.refreshToken })).status).toBe(
      401,
    );
    const twice = await secondFactor({ challenge: (await login(lero.email)).body.challenge, recoveryCode });
    expect([twice.status, twice.body.reason]).toEqual([401, 'WrongRecoveryCode']);
    expect(await log(lero.id)).toContainEqual(
      expect.objectContaining({
        action: 'two-factor.recovery-code-used',
        details: expect.objectContaining({ recoveryCodesLeft: 9 }),
      }),
    );
  });

  it('lets a challenge expire after its lifetime', async () => {
    const lero = await newLero();
    await h.given.signIn(lero.email, PASSWORD);
    const code = await h.given.authenticators.code(lero.email);
    const { challenge } = (await login(lero.email)).body;
    await eventually(
      async () => {
        const res = await secondFactor({ challenge, code });
        expect([res.status, res.body.reason]).toEqual([401, 'ChallengeExpired']);
      },
      { timeoutMs: CHALLENGE_TTL_MS + 3000, intervalMs: 500 },
    );
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const cases: [Json, string][] = [
      [{ code: '123456' }, 'challenge'],
      [{ challenge: 'x'.repeat(43), code: '12345' }, 'code'],
      [{ challenge: 'x'.repeat(43), code: '123456', recoveryCode: 'abcde-fghjk' }, 'code'],
      [{ challenge: 'x'.repeat(43) }, 'code'],
      [{ challenge: 'x'.repeat(43), recoveryCode: 'not a code!' }, 'recoveryCode'],
      [{ challenge: 'x'.repeat(43), code: '123456', extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await secondFactor(body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
    const unknown = await secondFactor({ challenge: 'x'.repeat(43), code: '123456' });
    expect([unknown.status, unknown.body.reason]).toEqual([401, 'ChallengeExpired']);
    // And on the routes of a signed-in person.
    const api = h.api.as(platform);
    const signedInCases: [Promise<{ status: number; body: Json }>, string][] = [
      [api.post('/api/v1/auth/two-factor/totp/confirm', { code: 'abcdef', currentPassword: 'x' }), 'code'],
      [api.post('/api/v1/auth/two-factor/totp/confirm', { code: '123456' }), 'currentPassword'],
      [api.post('/api/v1/auth/two-factor/recovery-codes', {}), 'currentPassword'],
      [api.post('/api/v1/auth/two-factor/disable', { currentPassword: 'x', code: '12' }), 'code'],
      [
        api.post('/api/v1/auth/two-factor/disable', { currentPassword: 'x', recoveryCode: 'abc' }),
        'recoveryCode',
      ],
    ];
    for (const [pending, field] of signedInCases) {
      const res = await pending;
      expect(res.status).toBe(400);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
  });

  it('turns two-factor off only with the password and a code, never for an admin, and signs the others out', async () => {
    const lero = await newLero();
    const admin = await h.given.signIn(lero.email, PASSWORD);
    const { email } = await h.given.tenantUser(lero.id, 'volunteer', admin.accessToken);
    // Optional for a volunteer: signed in with a password alone, then set up by choice.
    const signedIn = (await login(email)).body;
    expect(signedIn.mfaSetupRequired).toBeUndefined();
    const { tokens } = await setUp(h.api.as(signedIn.accessToken), email);
    const other = await h.given.signIn(email, PASSWORD);
    const api = h.api.as(tokens.accessToken);
    const secret = h.given.authenticators.secretOf(email);

    const noCode = await api.post<Json>('/api/v1/auth/two-factor/disable', { currentPassword: PASSWORD });
    expect(noCode.status).toBe(400);
    const wrongCode = await api.post<Json>('/api/v1/auth/two-factor/disable', {
      currentPassword: PASSWORD,
      code: wrongCodeFor(secret),
    });
    expect([wrongCode.status, wrongCode.body.reason]).toEqual([400, 'WrongCode']);
    const wrongPassword = await api.post<Json>('/api/v1/auth/two-factor/disable', {
      currentPassword: 'not it',
      code: wrongCodeFor(secret),
    });
    expect([wrongPassword.status, wrongPassword.body.reason]).toEqual([400, 'WrongPassword']);
    const off = await api.post('/api/v1/auth/two-factor/disable', {
      currentPassword: PASSWORD,
      recoveryCode: h.given.authenticators.takeRecoveryCode(email),
    });
    expect(off.status).toBe(204);
    // This sign-in stays; the other one has ended; the next sign-in is a password alone.
    expect((await api.get<Json>('/api/v1/me')).body.twoFactor).toMatchObject({ enabled: false });
    expect((await h.api.post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(
      200,
    );
    expect((await h.api.post('/api/v1/auth/refresh', { refreshToken: other.refreshToken })).status).toBe(401);
    expect((await login(email)).body.accessToken).toEqual(expect.any(String));

    expect((await log(lero.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['two-factor.enabled', 'two-factor.disabled']),
    );

    // An admin needs it while they hold the role.
    const refused = await h.api.as(admin.accessToken).post<Json>('/api/v1/auth/two-factor/disable', {
      currentPassword: PASSWORD,
      code: await h.given.authenticators.code(lero.email),
    });
    expect([refused.status, refused.body.reason]).toEqual([403, 'AdminNeedsTwoFactor']);
  });

  it('gives new recovery codes for the password; the old ones stop working', async () => {
    const lero = await newLero();
    const admin = await h.given.signIn(lero.email, PASSWORD);
    const old = h.given.authenticators.takeRecoveryCode(lero.email);
    const api = h.api.as(admin.accessToken);
    const wrong = await api.post<Json>('/api/v1/auth/two-factor/recovery-codes', { currentPassword: 'nope' });
    expect([wrong.status, wrong.body.reason]).toEqual([400, 'WrongPassword']);
    const fresh = await api.post<{ recoveryCodes: string[] }>('/api/v1/auth/two-factor/recovery-codes', {
      currentPassword: PASSWORD,
    });
    expect(fresh.status).toBe(201);
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    expect(fresh.body.recoveryCodes).not.toContain(old);
    const withOld = await secondFactor({
      challenge: (await login(lero.email)).body.challenge,
      recoveryCode: old,
    });
    expect(withOld.body.reason).toBe('WrongRecoveryCode');
    const withNew = await secondFactor({
      challenge: (await login(lero.email)).body.challenge,
      recoveryCode: fresh.body.recoveryCodes[0],
    });
    expect(withNew.status).toBe(200);
    expect(await log(lero.id)).toContainEqual(
      expect.objectContaining({
        action: 'two-factor.recovery-codes-regenerated',
        details: expect.any(Object),
      }),
    );
  });

  it('answers GET /auth/session while a sign-in lasts, and 401 the moment it is signed out', async () => {
    const lero = await newLero();
    const pair = await h.given.signIn(lero.email, PASSWORD);
    const session = await h.api.as(pair.accessToken).get<Json>('/api/v1/auth/session');
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ sessionId: expect.any(String), endsAt: expect.any(String) });
    expect((await h.api.post('/api/v1/auth/logout', { refreshToken: pair.refreshToken })).status).toBe(204);
    const ended = await h.api.as(pair.accessToken).get<Json>('/api/v1/auth/session');
    expect([ended.status, ended.body.reason]).toEqual([401, 'SessionEnded']);
    // The access token itself lives on for its lifetime: the session route is what tells it has ended.
    expect((await h.api.as(pair.accessToken).get('/api/v1/me')).status).toBe(200);
  });

  it('keeps authenticator secrets encrypted and recovery codes hashed in the database', async () => {
    const lero = await newLero();
    await h.given.signIn(lero.email, PASSWORD);
    const secret = h.given.authenticators.secretOf(lero.email);
    const code = h.given.authenticators.takeRecoveryCode(lero.email);
    const owner = new Client({ connectionString: h.db.ownerUrl });
    await owner.connect();
    try {
      const dump = JSON.stringify([
        (await owner.query('select * from tenants.two_factor')).rows,
        (await owner.query('select * from tenants.recovery_codes')).rows,
        (await owner.query('select * from tenants.sign_in_challenges')).rows,
      ]);
      expect(dump).toContain('v1:');
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replace('-', ''));
    } finally {
      await owner.end();
    }
  });

  describe('single sign-on with an OpenID provider (ADR 80), in this Hearth', () => {
    singleSignOnCases(() => h);
  });
});
