import { eventually, type ApiClient } from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
type Session = { accessToken: string; refreshToken: string };
type Team = {
  hasEnabledAdmin: boolean;
  accounts: { accountId: string; email: string; disabled: boolean; roles: { role: string }[] }[];
  invitations: { id: string; email: string; role: string; takesEffectAt?: string; reason?: string }[];
};

const PASSWORD = 'correct horse battery staple';
/** The break-glass notice in this file (72 hours in production). */
const NOTICE_MS = 1500;

/** The rules of the access lifecycle that take more than one request to show (ADR 14). */
describe('the access lifecycle (gateway → NATS → tenants, membership)', () => {
  let h: DistributedHearth;
  let platform: string;
  let region: { id: string; slug: string };
  let regionAdmin: { email: string; token: string };
  let n = 0;

  const idOf = async (token: string) => (await h.api.as(token).get<{ id: string }>('/api/v1/me')).body.id;
  const signIn = async (email: string, password = PASSWORD) =>
    h.api.post<Session & Json>('/api/v1/auth/login', { email, password });
  const team = async (api: ApiClient, tenantId: string) =>
    (await api.get<Team>(`/api/v1/tenants/${tenantId}/team`)).body;
  const log = async (api: ApiClient, tenantId: string) =>
    (
      await api.get<{ items: { action: string; details: Json }[] }>(
        `/api/v1/tenants/${tenantId}/audit?limit=100`,
      )
    ).body.items;

  /** An active LERO with a contact email, onboarded by the region admin, its first admin signed in. */
  async function leroWithContact() {
    const slug = `lero-${++n}-${region.slug}`;
    const adminEmail = `admin-${slug}@example.org`;
    const created = await h.api
      .as(regionAdmin.token)
      .post<Json & { id: string; invitation: { token: string } }>('/api/v1/tenants', {
        regionId: region.id,
        name: `LERO ${slug}`,
        slug,
        adminEmail,
        contactEmail: `hello@${slug}.example.org`,
      });
    const adminToken = await h.given.acceptInvitation(created.body.invitation.token, adminEmail);
    return { id: created.body.id, adminEmail, adminToken, adminId: await idOf(adminToken) };
  }

  beforeAll(async () => {
    h = await startDistributedHearth({ tenants: { breakGlassNoticeMs: NOTICE_MS } });
    platform = await h.given.platformAdmin();
    region = await h.given.region(platform);
    const email = `ra-${region.slug}@example.org`;
    const invite = await h.api
      .as(platform)
      .post<Json>(`/api/v1/regions/${region.id}/invitations`, { email, role: 'region-admin' });
    regionAdmin = { email, token: await h.given.acceptInvitation(invite.body.token as string, email) };
  });

  afterAll(async () => {
    await h?.close();
  });

  it('keeps the last enabled tenant-admin; anyone may give up their own role', async () => {
    const lero = await leroWithContact();
    const asAdmin = h.api.as(lero.adminToken);
    const self = `/api/v1/tenants/${lero.id}/team/${lero.adminId}/roles/tenant-admin`;
    const last = await asAdmin.request<Json>('DELETE', self);
    expect([last.status, last.body.reason]).toEqual([409, 'LastTenantAdmin']);

    const second = await h.given.tenantUser(lero.id, 'tenant-admin', lero.adminToken);
    expect((await asAdmin.request('DELETE', self)).status).toBe(204);
    const secondId = await idOf(second.token);
    const alone = await h.api
      .as(second.token)
      .request<Json>('DELETE', `/api/v1/tenants/${lero.id}/team/${secondId}/roles/tenant-admin`);
    expect(alone.body.reason).toBe('LastTenantAdmin');

    const volunteer = await h.given.tenantUser(lero.id, 'volunteer', second.token);
    const volunteerId = await idOf(volunteer.token);
    const left = await h.api
      .as(volunteer.token)
      .request('DELETE', `/api/v1/tenants/${lero.id}/team/${volunteerId}/roles/volunteer`);
    expect(left.status).toBe(204);
    const entries = await log(h.api.as(second.token), lero.id);
    expect(entries).toContainEqual(
      expect.objectContaining({
        action: 'role.removed',
        details: { accountId: volunteerId, role: 'volunteer', left: true },
      }),
    );
  });

  it('lets nobody grant a role to their own account', async () => {
    const lero = await leroWithContact();
    const own = await h.api
      .as(lero.adminToken)
      .post<Json>(`/api/v1/tenants/${lero.id}/invitations`, { email: lero.adminEmail, role: 'coordinator' });
    expect([own.status, own.body.reason]).toEqual([403, 'SelfGrant']);
    const slug = `self-${region.slug}`;
    const onboardSelf = await h.api.as(regionAdmin.token).post<Json>('/api/v1/tenants', {
      regionId: region.id,
      name: 'Mine',
      slug,
      adminEmail: regionAdmin.email.toUpperCase(),
    });
    expect([onboardSelf.status, onboardSelf.body.reason]).toEqual([403, 'SelfGrant']);
    const regionSelf = await h.api
      .as(regionAdmin.token)
      .post<Json>(`/api/v1/regions/${region.id}/invitations`, {
        email: regionAdmin.email,
        role: 'commissioner',
      });
    expect(regionSelf.body.reason).toBe('SelfGrant');
  });

  it('lets a region admin invite only a LERO’s first admin, while it is onboarding', async () => {
    const slug = `onboarding-${region.slug}`;
    const created = await h.api
      .as(regionAdmin.token)
      .post<Json & { id: string; invitation: { token: string } }>('/api/v1/tenants', {
        regionId: region.id,
        name: 'Onboarding LERO',
        slug,
        adminEmail: `first@${slug}.example.org`,
      });
    const invite = (email: string, role: string) =>
      h.api
        .as(regionAdmin.token)
        .post<Json>(`/api/v1/tenants/${created.body.id}/invitations`, { email, role });
    // The first invitation went to a wrong address: cancel it and invite the right person.
    const pending = await team(h.api.as(regionAdmin.token), created.body.id);
    expect(pending.invitations.map((i) => i.role)).toEqual(['tenant-admin']);
    expect(
      (
        await h.api
          .as(regionAdmin.token)
          .request('DELETE', `/api/v1/invitations/${pending.invitations[0].id}`)
      ).status,
    ).toBe(204);
    const cancelled = await h.api.post<Json>('/api/v1/invitations/accept', {
      token: created.body.invitation.token,
      password: PASSWORD,
      displayName: 'Wrong',
    });
    expect([cancelled.status, cancelled.body.reason]).toEqual([410, 'InvitationCancelled']);
    expect((await invite(`coordinator@${slug}.example.org`, 'coordinator')).status).toBe(403);
    expect((await invite(regionAdmin.email, 'tenant-admin')).body.reason).toBe('SelfGrant');
    const right = await invite(`right@${slug}.example.org`, 'tenant-admin');
    expect(right.status).toBe(201);
    const adminToken = await h.given.acceptInvitation(
      right.body.token as string,
      `right@${slug}.example.org`,
    );
    expect((await h.api.as(adminToken).get<Json>(`/api/v1/tenants/${created.body.id}`)).body.status).toBe(
      'active',
    );
    const afterwards = await invite(`another@${slug}.example.org`, 'tenant-admin');
    expect([afterwards.status, afterwards.body.reason]).toEqual([403, 'LeroAdminsOnly']);
    // An accepted invitation cannot be cancelled any more.
    const spent = await h.api
      .as(adminToken)
      .request<Json>('DELETE', `/api/v1/invitations/${String(right.body.id)}`);
    expect([spent.status, spent.body.reason]).toEqual([409, 'InvitationSpent']);
  });

  it('links an invitation only to one of the inviting LERO’s own active members', async () => {
    const lero = await leroWithContact();
    const other = await leroWithContact();
    const memberOf = async (tenantId: string, token: string) =>
      (
        await h.api
          .as(token)
          .post<{ id: string }>(`/api/v1/tenants/${tenantId}/members`, { displayName: 'Jo' })
      ).body.id;
    const ours = await memberOf(lero.id, lero.adminToken);
    const theirs = await memberOf(other.id, other.adminToken);
    const coordinator = await h.given.tenantUser(lero.id, 'coordinator', lero.adminToken);
    for (const token of [lero.adminToken, coordinator.token]) {
      const invite = (memberId: string) =>
        h.api.as(token).post<Json>(`/api/v1/tenants/${lero.id}/invitations`, {
          email: `m-${++n}@example.org`,
          role: 'member',
          memberId,
        });
      expect((await invite(theirs)).status).toBe(404);
      expect((await invite('0190a000-0000-7000-8000-00000000abcd')).status).toBe(404);
      expect((await invite(ours)).status).toBe(201);
    }
    await h.api.as(lero.adminToken).post(`/api/v1/tenants/${lero.id}/members/${ours}/leave`);
    const left = await h.api.as(lero.adminToken).post(`/api/v1/tenants/${lero.id}/invitations`, {
      email: `m-${++n}@example.org`,
      role: 'member',
      memberId: ours,
    });
    expect(left.status).toBe(404);
  });

  it('breaks glass: a region admin appoints an admin for a LERO with none, after notice, cancellable meanwhile', async () => {
    const lero = await leroWithContact();
    const coordinator = await h.given.tenantUser(lero.id, 'coordinator', lero.adminToken);
    const asRegion = h.api.as(regionAdmin.token);
    const glass = (email: string, reason = 'Their only admin has left and nobody can run the LERO') =>
      asRegion.post<Json & { id: string; token: string; takesEffectAt: string }>(
        `/api/v1/tenants/${lero.id}/break-glass`,
        { email, reason },
      );
    expect((await glass(`new-admin-${++n}@example.org`)).body.reason).toBe('TenantHasAdmin');
    await h.api.as(platform).post(`/api/v1/accounts/${lero.adminId}/disable`);
    expect((await team(asRegion, lero.id)).hasEnabledAdmin).toBe(false);
    expect((await glass(regionAdmin.email)).body.reason).toBe('SelfGrant');

    const email = `new-admin-${++n}@example.org`;
    const appointed = await glass(email);
    expect(appointed.status).toBe(201);
    expect(appointed.body).toMatchObject({ email, role: 'tenant-admin', contactNotified: false });
    expect(Date.parse(appointed.body.takesEffectAt) - Date.now()).toBeGreaterThan(500);
    // Pending, on the team page of the LERO's people and of its region.
    for (const api of [asRegion, h.api.as(coordinator.token)]) {
      expect((await team(api, lero.id)).invitations).toContainEqual(
        expect.objectContaining({ id: appointed.body.id, takesEffectAt: appointed.body.takesEffectAt }),
      );
    }
    const accept = () =>
      h.api.post<Json>('/api/v1/invitations/accept', {
        token: appointed.body.token,
        password: PASSWORD,
        displayName: 'New admin',
      });
    const early = await accept();
    expect([early.status, early.body.reason]).toEqual([409, 'AppointmentPending']);
    const accepted = await eventually(async () => {
      const res = await accept();
      expect(res.status).toBe(201);
      return res;
    });
    expect(accepted.body.accountId).toEqual(expect.any(String));
    const newAdmin = await h.given.login(email, PASSWORD);
    expect((await team(h.api.as(newAdmin), lero.id)).hasEnabledAdmin).toBe(true);
    const actions = (await log(h.api.as(newAdmin), lero.id)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['account.disabled', 'admin.appointment-requested', 'admin.appointed']),
    );
  });

  it('lets region staff cancel a pending appointment, and lapses one when the LERO has an admin again', async () => {
    const lero = await leroWithContact();
    await h.api.as(platform).post(`/api/v1/accounts/${lero.adminId}/disable`);
    const appoint = async () =>
      (
        await h.api
          .as(regionAdmin.token)
          .post<{ id: string; token: string }>(`/api/v1/tenants/${lero.id}/break-glass`, {
            email: `appointee-${++n}@example.org`,
            reason: 'No admin can sign in any more',
          })
      ).body;
    const accept = (token: string) =>
      h.api.post<Json>('/api/v1/invitations/accept', { token, password: PASSWORD, displayName: 'Appointee' });

    const cancelled = await appoint();
    expect(
      (await h.api.as(regionAdmin.token).request('DELETE', `/api/v1/invitations/${cancelled.id}`)).status,
    ).toBe(204);
    const lapsed = await appoint();
    // The LERO's admin is back (enabled again) before the notice ends: the appointment lapses.
    await h.api.as(platform).post(`/api/v1/accounts/${lero.adminId}/enable`);
    await eventually(async () =>
      expect((await accept(cancelled.token)).body.reason).toBe('InvitationCancelled'),
    );
    await eventually(async () => expect((await accept(lapsed.token)).body.reason).toBe('TenantHasAdmin'));
    const admin = await h.given.login(lero.adminEmail, PASSWORD);
    expect((await log(h.api.as(admin), lero.id)).map((e) => e.action)).toContain('invitation.cancelled');
  });

  it('refuses break glass for a LERO that is onboarding or has no contact email', async () => {
    const slug = `quiet-${region.slug}`;
    const created = await h.api
      .as(regionAdmin.token)
      .post<Json & { id: string; invitation: { token: string } }>('/api/v1/tenants', {
        regionId: region.id,
        name: 'Quiet',
        slug,
        adminEmail: `a@${slug}.example.org`,
      });
    const glass = () =>
      h.api.as(regionAdmin.token).post<Json>(`/api/v1/tenants/${created.body.id}/break-glass`, {
        email: `b@${slug}.example.org`,
        reason: 'Nobody can sign in to it',
      });
    expect((await glass()).body.reason).toBe('TenantOnboarding');
    const adminToken = await h.given.acceptInvitation(created.body.invitation.token, `a@${slug}.example.org`);
    await h.api.as(platform).post(`/api/v1/accounts/${await idOf(adminToken)}/disable`);
    expect((await glass()).body.reason).toBe('NoContactEmail');
    // With no enabled admin, the region may set the contact email, and then break glass.
    const contact = await h.api
      .as(regionAdmin.token)
      .patch<Json>(`/api/v1/tenants/${created.body.id}`, { contactEmail: `hello@${slug}.example.org` });
    expect(contact.status).toBe(200);
    expect((await glass()).status).toBe(201);
  });

  it('resets a password for a LERO’s admin: a link to use once, the old password and sessions gone', async () => {
    const lero = await leroWithContact();
    const volunteer = await h.given.tenantUser(lero.id, 'volunteer', lero.adminToken);
    const volunteerId = await idOf(volunteer.token);
    const session = (await signIn(volunteer.email)).body;
    const reset = await h.api
      .as(lero.adminToken)
      .post<Json & { token: string }>(`/api/v1/accounts/${volunteerId}/password-reset`);
    expect(reset.status).toBe(201);
    expect(reset.body).toMatchObject({ accountId: volunteerId, email: volunteer.email, emailed: false });
    expect((await signIn(volunteer.email)).status).toBe(401);
    expect((await h.api.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(
      401,
    );

    const use = (newPassword: string) =>
      h.api.post<Json>('/api/v1/auth/password-reset', { token: reset.body.token, newPassword });
    expect((await use('a new long passphrase')).status).toBe(204);
    expect((await signIn(volunteer.email, 'a new long passphrase')).status).toBe(200);
    const again = await use('yet another passphrase');
    expect([again.status, again.body.reason]).toEqual([410, 'ResetLinkSpent']);
    expect(await log(h.api.as(lero.adminToken), lero.id)).toContainEqual(
      expect.objectContaining({ action: 'account.password-reset', details: { accountId: volunteerId } }),
    );

    // Someone with a role in another LERO too is not this LERO's to reset; nor is oneself.
    const other = await leroWithContact();
    const both = await h.given.tenantUser(lero.id, 'volunteer', lero.adminToken);
    const bothId = await idOf(both.token);
    const invite = await h.api
      .as(other.adminToken)
      .post<Json>(`/api/v1/tenants/${other.id}/invitations`, { email: both.email, role: 'member' });
    await h.api.post('/api/v1/invitations/accept', {
      token: invite.body.token,
      password: PASSWORD,
      displayName: 'B',
    });
    const outside = await h.api.as(lero.adminToken).post<Json>(`/api/v1/accounts/${bothId}/password-reset`);
    expect([outside.status, outside.body.reason]).toEqual([403, 'GrantsOutsideLero']);
    const own = await h.api.as(lero.adminToken).post<Json>(`/api/v1/accounts/${lero.adminId}/password-reset`);
    expect([own.status, own.body.reason]).toEqual([403, 'SelfReset']);
  });

  it('changes a password and signs out everywhere, each ending every session', async () => {
    const lero = await leroWithContact();
    const coordinator = await h.given.tenantUser(lero.id, 'coordinator', lero.adminToken);
    const [phone, laptop] = [(await signIn(coordinator.email)).body, (await signIn(coordinator.email)).body];
    const wrong = await h.api
      .as(phone.accessToken)
      .post<Json & { errors: { field: string }[] }>('/api/v1/auth/password', {
        currentPassword: 'not my password',
        newPassword: 'a new long passphrase',
      });
    expect([wrong.status, wrong.body.errors[0].field]).toEqual([400, 'currentPassword']);
    const same = await h.api
      .as(phone.accessToken)
      .post<Json>('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(same.status).toBe(400);
    const changed = await h.api
      .as(phone.accessToken)
      .post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'a new long passphrase' });
    expect(changed.status).toBe(204);
    for (const s of [phone, laptop])
      expect((await h.api.post('/api/v1/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
    expect((await signIn(coordinator.email)).status).toBe(401);

    const [one, two] = [
      (await signIn(coordinator.email, 'a new long passphrase')).body,
      (await signIn(coordinator.email, 'a new long passphrase')).body,
    ];
    expect((await h.api.as(one.accessToken).post('/api/v1/auth/logout-all')).status).toBe(204);
    for (const s of [one, two])
      expect((await h.api.post('/api/v1/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
    const actions = (await log(h.api.as(lero.adminToken), lero.id)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['account.password-changed', 'account.signed-out-everywhere']),
    );
  });

  it('takes a region role away: the region team no longer lists it and its sessions end', async () => {
    const email = `c-${++n}-${region.slug}@example.org`;
    const invite = await h.api
      .as(regionAdmin.token)
      .post<Json>(`/api/v1/regions/${region.id}/invitations`, { email, role: 'commissioner' });
    await h.given.acceptInvitation(invite.body.token as string, email);
    const session = (await signIn(email)).body;
    const asRegion = h.api.as(regionAdmin.token);
    const before = await asRegion.get<Team>(`/api/v1/regions/${region.id}/team`);
    const commissioner = before.body.accounts.find((a) => a.email === email)!;
    expect(commissioner.roles).toEqual([expect.objectContaining({ role: 'commissioner' })]);
    const removed = await asRegion.request(
      'DELETE',
      `/api/v1/regions/${region.id}/team/${commissioner.accountId}/roles/commissioner`,
    );
    expect(removed.status).toBe(204);
    const after = await asRegion.get<Team>(`/api/v1/regions/${region.id}/team`);
    expect(after.body.accounts.map((a) => a.email)).not.toContain(email);
    expect((await h.api.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(
      401,
    );
  });
});
