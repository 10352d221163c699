import { randomUUID } from 'node:crypto';
import { ApiClient, Given, PageClient } from '@hearth/testing';
import type { FuzzOperation } from './fuzz-operation';

type Json = Record<string, unknown>;

/** The fixture's people's password. */
const PASSWORD = 'a long passphrase for the fuzzer';

/**
 * What the fuzzer's requests point at: a region, an active LERO with its admin, a member, a weekly activity and
 * one of its sessions, another person's account (a volunteer) and a pending invitation, a volunteering role with a
 * training item and a shift, a consultation, plus a coordinator
 * signed in to the web app. Values are found by parameter or field name (`tenantId`, `memberId` …), so a new
 * route with a known name is aimed at real records without new fuzz code. Valid requests may suspend the
 * LERO, erase the member or disable the account: `ensure()` puts back what they took.
 */
export class FuzzFixture {
  platformToken = '';
  region!: { id: string; slug: string };
  lero!: { id: string; slug: string; adminEmail: string; adminToken: string };
  memberId = '';
  activityId = '';
  sessionId = '';
  victim!: { email: string; accountId: string };
  invitationId = '';
  trainingId = '';
  roleId = '';
  shiftId = '';
  consultationId = '';
  askId = '';
  themeId = '';
  seatId = '';
  meetingId = '';
  coordinator?: { email: string; displayName: string };
  web!: PageClient;
  /** LEROs given up on (archived or locked out by a request) and made again. */
  rebuilt = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly given: Given,
  ) {}

  known(name: string): string | undefined {
    const values: Record<string, string> = {
      tenantId: this.lero.id,
      regionId: this.region.id,
      memberId: this.memberId,
      activityId: this.activityId,
      sessionId: this.sessionId,
      accountId: this.victim.accountId,
      invitationId: this.invitationId,
      trainingId: this.trainingId,
      roleId: this.roleId,
      shiftId: this.shiftId,
      consultationId: this.consultationId,
      askId: this.askId,
      themeId: this.themeId,
      seatId: this.seatId,
      meetingId: this.meetingId,
      role: 'volunteer',
      slug: this.lero.slug,
      idOrSlug: this.lero.id,
      action: 'suspend',
      change: 'disable',
      // A form's sign-in fields: the fuzzer's own coordinator, so that a sign-in succeeds and follows `next`.
      email: this.coordinator?.email ?? '',
      password: PASSWORD,
    };
    return values[name];
  }

  /** The bearer token for an API request: inside a LERO its admin's, elsewhere the platform admin's. */
  token(op: FuzzOperation, as: 'owner' | 'other' | 'none'): string | undefined {
    if (as === 'none' || !op.secured) return undefined;
    const leroFirst = op.template.includes('{tenantId}') || op.template === '/api/v1/me';
    return (as === 'owner') === leroFirst ? this.lero.adminToken : this.platformToken;
  }

  async setUp(): Promise<void> {
    this.platformToken = await this.given.platformAdmin();
    this.region = await this.given.region(this.platformToken);
    await this.newLero();
  }

  private as = (token: string) => this.api.as(token);
  private ok = <T = Json>(res: { status: number; body: T }, what: string): T => {
    if (res.status >= 300)
      throw new Error(`fuzz fixture: ${what} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  private async newLero(): Promise<void> {
    this.lero = await this.given.lero(this.region.id, this.platformToken);
    await this.newMember();
    await this.newActivity();
    await this.newVictim();
    await this.newInvitation();
    await this.newVolunteering();
    await this.newConsultation();
    await this.newAsk();
    await this.newTheme();
    await this.newMeeting();
    // The same people in every LERO the fixture makes: accepting with an existing account only checks its password.
    this.coordinator ??= {
      email: `fuzz-coordinator-${randomUUID()}@example.org`,
      displayName: 'Fuzz coordinator',
    };
    await this.join(this.coordinator.email, 'coordinator');
    // The web app's own session: the coordinator signs in on its sign-in page, as a person would.
    this.web = new PageClient(this.api.baseUrl);
    await this.webSignIn();
  }

  /** Invites an email into the LERO with a role and accepts (no sign-in: the API's own token is not needed). */
  private async join(email: string, role: string): Promise<string> {
    const invitation = this.ok(
      await this.as(this.lero.adminToken).post<{ token: string }>(
        `/api/v1/tenants/${this.lero.id}/invitations`,
        {
          email,
          role,
        },
      ),
      `invite ${role}`,
    );
    const accepted = this.ok(
      await this.api.post<{ accountId: string }>('/api/v1/invitations/accept', {
        token: invitation.token,
        password: PASSWORD,
        displayName: `Fuzz ${role}`,
      }),
      `accept ${role}`,
    );
    return accepted.accountId;
  }

  private async webSignIn(retried = false): Promise<void> {
    await this.web.get('/sign-in');
    const res = await this.web.post('/sign-in', { email: this.coordinator!.email, password: PASSWORD });
    if (res.status === 303) return;
    // The fuzzer's own wrong passwords on the sign-in form may have the account waiting (429): a new coordinator.
    if (res.status !== 429 || retried) throw new Error(`fuzz fixture: web sign-in → ${res.status}`);
    this.coordinator = {
      email: `fuzz-coordinator-${randomUUID()}@example.org`,
      displayName: 'Fuzz coordinator',
    };
    await this.join(this.coordinator.email, 'coordinator');
    await this.webSignIn(true);
  }

  private async newMember(): Promise<void> {
    const member = this.ok(
      await this.as(this.lero.adminToken).post<{ id: string }>(`/api/v1/tenants/${this.lero.id}/members`, {
        displayName: 'Fuzz member',
        email: `member-${randomUUID()}@example.org`,
        communityRoles: ['volunteer'],
      }),
      'member',
    );
    this.memberId = member.id;
  }

  private async newActivity(): Promise<void> {
    // Its first session starts within the hour, so its register is open (the door view's forms are there).
    const soon = new Date(Date.now() + 30 * 60_000);
    const london = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/London',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(soon)
        .map((p) => [p.type, p.value]),
    );
    const activity = this.ok(
      await this.as(this.lero.adminToken).post<{ id: string }>(`/api/v1/tenants/${this.lero.id}/activities`, {
        title: 'Fuzz walk',
        category: 'walking',
        visibility: 'public',
        capacity: 20,
        schedule: {
          startsAt: `${london.year}-${london.month}-${london.day}T${london.hour}:${london.minute}`,
          durationMinutes: 60,
          rrule: 'FREQ=WEEKLY;COUNT=8',
        },
      }),
      'activity',
    );
    this.activityId = activity.id;
    const sessions = this.ok(
      await this.as(this.lero.adminToken).get<{ items: { id: string }[] }>(
        `/api/v1/tenants/${this.lero.id}/sessions?activityId=${activity.id}`,
      ),
      'sessions',
    );
    this.sessionId = sessions.items[0].id;
  }

  private async newVictim(): Promise<void> {
    const email = this.victim?.email ?? `fuzz-volunteer-${randomUUID()}@example.org`;
    this.victim = { email, accountId: await this.join(email, 'volunteer') };
  }

  private async newInvitation(): Promise<void> {
    const invitation = this.ok(
      await this.as(this.lero.adminToken).post<{ id: string }>(
        `/api/v1/tenants/${this.lero.id}/invitations`,
        {
          email: `invited-${randomUUID()}@example.org`,
          role: 'member',
        },
      ),
      'invitation',
    );
    this.invitationId = invitation.id;
  }

  /** A training item, a role that needs it and a one-off shift of it tomorrow (closing or cancelling them is fine). */
  private async newVolunteering(): Promise<void> {
    const base = `/api/v1/tenants/${this.lero.id}/volunteering`;
    const admin = this.as(this.lero.adminToken);
    this.trainingId = this.ok(
      await admin.post<{ id: string }>(`${base}/training`, { name: 'Fuzz first aid', kind: 'training' }),
      'training',
    ).id;
    this.roleId = this.ok(
      await admin.post<{ id: string }>(`${base}/roles`, {
        title: 'Fuzz helper',
        visibility: 'members',
        requirementIds: [this.trainingId],
      }),
      'role',
    ).id;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    this.shiftId = this.ok(
      await admin.post<{ id: string }>(`${base}/roles/${this.roleId}/shifts`, {
        startsAt: `${tomorrow}T10:00`,
        durationMinutes: 60,
        capacity: 3,
      }),
      'shift',
    ).id;
  }

  /** A draft consultation of the LERO (opening or closing it is fine: its id stays real). */
  private async newConsultation(): Promise<void> {
    this.consultationId = this.ok(
      await this.as(this.lero.adminToken).post<{ id: string }>(
        `/api/v1/tenants/${this.lero.id}/advocacy/consultations`,
        {
          title: 'Fuzz consultation',
          purpose: 'To see what the fuzzer does.',
          askedBy: 'The fuzzer',
          useOfAnswers: 'None.',
          opensAt: new Date(Date.now() - 60_000).toISOString(),
          closesAt: new Date(Date.now() + 86_400_000).toISOString(),
          audience: 'members',
          questions: [{ kind: 'single', text: 'Which?', options: ['This', 'That'] }],
        },
      ),
      'consultation',
    ).id;
  }

  /** An ask of the LERO, public, so that its page has something to list (ADR 0065). */
  private async newAsk(): Promise<void> {
    this.askId = this.ok(
      await this.as(this.lero.adminToken).post<{ id: string }>(
        `/api/v1/tenants/${this.lero.id}/advocacy/asks`,
        {
          what: 'Fuzz ask',
          body: { name: 'The fuzzer’s council', kind: 'council' },
          source: { kind: 'members' },
          raisedOn: new Date().toISOString().slice(0, 10),
          public: true,
        },
      ),
      'ask',
    ).id;
  }

  /** An open testimony theme of the LERO (ADR 0066): closing it is fine, its id stays real. */
  private async newTheme(): Promise<void> {
    const base = `/api/v1/tenants/${this.lero.id}/advocacy/themes`;
    const admin = this.as(this.lero.adminToken);
    this.themeId = this.ok(
      await admin.post<{ id: string }>(base, { title: 'Fuzz theme', prompt: 'What does the fuzzer say?' }),
      'theme',
    ).id;
    this.ok(await admin.post(`${base}/${this.themeId}/open`), 'open theme');
  }

  /** A seat of the LERO and a meeting attended there, linking its ask (ADR 0069). */
  private async newMeeting(): Promise<void> {
    const base = `/api/v1/tenants/${this.lero.id}/advocacy`;
    const admin = this.as(this.lero.adminToken);
    const seat = {
      body: { name: 'The fuzzer’s partnership', kind: 'other' },
      role: 'member',
      since: '2026-01-01',
    };
    this.seatId = this.ok(await admin.post<{ id: string }>(`${base}/seats`, seat), 'seat').id;
    this.meetingId = this.ok(
      await admin.post<{ id: string }>(`${base}/meetings`, {
        seatId: this.seatId,
        date: new Date().toISOString().slice(0, 10),
        representedBy: 'a volunteer',
        askIds: [this.askId],
      }),
      'meeting',
    ).id;
  }

  /** Puts back whatever the last operation's valid requests took away. */
  async ensure(): Promise<void> {
    if ((await this.api.as(this.platformToken).get('/api/v1/me')).status !== 200)
      this.platformToken = await this.given.platformAdmin();
    const lero = await this.as(this.platformToken).get<{ status: string }>(`/api/v1/tenants/${this.lero.id}`);
    if (lero.body.status === 'suspended')
      this.ok(
        await this.as(this.platformToken).post(`/api/v1/tenants/${this.lero.id}/activate`),
        'reactivate',
      );
    const adminOk =
      (await this.as(this.lero.adminToken).get(`/api/v1/tenants/${this.lero.id}/team`)).status === 200;
    if (!['active', 'suspended'].includes(lero.body.status) || !adminOk) {
      this.rebuilt += 1;
      await this.newLero();
      return;
    }
    const admin = this.as(this.lero.adminToken);
    const base = `/api/v1/tenants/${this.lero.id}`;
    if ((await admin.get<Json>(`${base}/members/${this.memberId}`)).body.status !== 'active')
      await this.newMember();
    const session = await admin.get<Json>(`${base}/sessions/${this.sessionId}`);
    if (
      (await admin.get(`${base}/activities/${this.activityId}`)).status !== 200 ||
      session.body.status !== 'scheduled'
    )
      await this.newActivity();
    const team = this.ok(
      await admin.get<{
        accounts: { accountId: string; email: string; disabled: boolean; roles: { role: string }[] }[];
        invitations: { id: string }[];
      }>(`${base}/team`),
      'team',
    );
    // A person disabled is enabled again; one whose role was taken away joins again (same account).
    const person = async (email: string, role: string, rejoin: () => Promise<unknown>) => {
      const account = team.accounts.find((a) => a.email === email);
      if (account?.disabled)
        this.ok(
          await this.as(this.platformToken).post(`/api/v1/accounts/${account.accountId}/enable`),
          'enable',
        );
      if (!account?.roles.some((r) => r.role === role)) await rejoin();
    };
    await person(this.victim.email, 'volunteer', () => this.newVictim());
    await person(this.coordinator!.email, 'coordinator', () =>
      this.join(this.coordinator!.email, 'coordinator'),
    );
    if (!team.invitations.some((i) => i.id === this.invitationId)) await this.newInvitation();
    const advocacy = `${base}/advocacy`;
    if (
      (await admin.get(`${advocacy}/seats/${this.seatId}`)).status !== 200 ||
      (await admin.get(`${advocacy}/meetings/${this.meetingId}`)).status !== 200
    )
      await this.newMeeting();
    if ((await this.web.get('/account')).status !== 200) await this.webSignIn();
  }
}
