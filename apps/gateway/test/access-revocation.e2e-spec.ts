import { eventually } from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
type Session = { accessToken: string; refreshToken: string };

const PASSWORD = 'correct horse battery staple';

/**
 * Taking access away with access tokens of 2 seconds (the production default is 60): a removed role and a
 * disabled account stop working at once for refresh, and within the access token's lifetime for what was
 * already issued.
 */
describe('taking access away (2 s access tokens)', () => {
  let h: DistributedHearth;
  let lero: { id: string; adminEmail: string };
  let regionId: string;

  const admin = () => h.given.login(lero.adminEmail, PASSWORD);
  const signIn = async (email: string): Promise<Session> => {
    const res = await h.api.post<Session>('/api/v1/auth/login', { email, password: PASSWORD });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const idOf = async (token: string) => (await h.api.as(token).get<{ id: string }>('/api/v1/me')).body.id;
  /** Someone invited into the LERO by its admin, with a session of their own. */
  const leroUser = async (role: string) => {
    const { email } = await h.given.tenantUser(lero.id, role, await admin());
    const session = await signIn(email);
    return { email, session, accountId: await idOf(session.accessToken) };
  };
  const members = (token: string) => h.api.as(token).get(`/api/v1/tenants/${lero.id}/members`);
  const actionsInLog = async () =>
    (
      await h.api
        .as(await admin())
        .get<{ items: { action: string; details: Json }[] }>(`/api/v1/tenants/${lero.id}/audit?limit=100`)
    ).body.items;

  beforeAll(async () => {
    h = await startDistributedHearth({ accessTokenTtlSeconds: 2 });
    const platform = await h.given.platformAdmin();
    regionId = (await h.given.region(platform)).id;
    lero = await h.given.lero(regionId, await h.given.platformAdmin());
  });

  afterAll(async () => {
    await h?.close();
  });

  it('a removed role: refresh refused at once, the access token already issued useless within its lifetime', async () => {
    const coordinator = await leroUser('coordinator');
    expect((await members(coordinator.session.accessToken)).status).toBe(200);

    const removed = await h.api
      .as(await admin())
      .request('DELETE', `/api/v1/tenants/${lero.id}/team/${coordinator.accountId}/roles/coordinator`);
    expect(removed.status).toBe(204);

    const refresh = await h.api.post('/api/v1/auth/refresh', {
      refreshToken: coordinator.session.refreshToken,
    });
    expect(refresh.status).toBe(401);
    await eventually(async () => expect((await members(coordinator.session.accessToken)).status).toBe(401), {
      timeoutMs: 8000,
    });
    // Signing in again gives a token without the role: the LERO is as unknown as any other.
    const again = await signIn(coordinator.email);
    expect((await h.api.as(again.accessToken).get(`/api/v1/tenants/${lero.id}`)).status).toBe(404);
    expect((await members(again.accessToken)).status).toBe(404);
    expect(await actionsInLog()).toContainEqual(
      expect.objectContaining({
        action: 'role.removed',
        details: { accountId: coordinator.accountId, role: 'coordinator' },
      }),
    );
  });

  it('a disabled account: refused at sign-in and refresh at once, its access token useless within its lifetime', async () => {
    const volunteer = await leroUser('volunteer');
    const other = await signIn(volunteer.email);
    const disabled = await h.api
      .as(await h.given.platformAdmin())
      .post(`/api/v1/accounts/${volunteer.accountId}/disable`);
    expect(disabled.status).toBe(204);

    for (const session of [volunteer.session, other]) {
      const refresh = await h.api.post<Json>('/api/v1/auth/refresh', { refreshToken: session.refreshToken });
      expect([refresh.status, refresh.body.reason]).toEqual([401, 'AccountDisabled']);
    }
    const login = await h.api.post<Json>('/api/v1/auth/login', {
      email: volunteer.email,
      password: PASSWORD,
    });
    expect([login.status, login.body.reason]).toEqual([403, 'AccountDisabled']);
    // A wrong password still gets the same answer as for an unknown email: being disabled is not disclosed.
    const wrong = await h.api.post<Json>('/api/v1/auth/login', {
      email: volunteer.email,
      password: 'not it at all',
    });
    expect(wrong.status).toBe(401);
    await eventually(
      async () => expect((await h.api.as(volunteer.session.accessToken).get('/api/v1/me')).status).toBe(401),
      { timeoutMs: 8000 },
    );
    expect(await actionsInLog()).toContainEqual(
      expect.objectContaining({ action: 'account.disabled', details: { accountId: volunteer.accountId } }),
    );

    const enabled = await h.api
      .as(await h.given.platformAdmin())
      .post(`/api/v1/accounts/${volunteer.accountId}/enable`);
    expect(enabled.status).toBe(204);
    const back = await signIn(volunteer.email);
    expect((await h.api.as(back.accessToken).get(`/api/v1/tenants/${lero.id}`)).status).toBe(200);
  });

  it('a platform admin cannot disable their own account', async () => {
    const platform = await h.given.platformAdmin();
    const res = await h.api.as(platform).post<Json>(`/api/v1/accounts/${await idOf(platform)}/disable`);
    expect([res.status, res.body.reason]).toEqual([403, 'SelfDisable']);
    expect(
      (await h.api.as(platform).post('/api/v1/accounts/00000000-0000-7000-8000-000000000000/disable')).status,
    ).toBe(404);
  });
});
