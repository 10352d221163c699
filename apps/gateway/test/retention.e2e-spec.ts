import { Client } from 'pg';
import { PruningJob, pruningJobToken } from '@hearth/messaging';
import { eventually } from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { erasedMemberKey } from '../../events/src';

type Json = Record<string, unknown>;

/**
 * The retention schedule (docs/retention.md) as each service's pruning job applies it: records are
 * aged by hand as the owner, then the job runs once, as it does every hour.
 */
describe('the retention schedule', () => {
  let h: DistributedHearth;
  let owner: Client;
  let lero: { id: string; adminToken: string; adminEmail: string };
  let n = 0;

  const base = () => `/api/v1/tenants/${lero.id}`;
  const job = (service: 'tenants' | 'membership') =>
    (service === 'tenants' ? h.tenants : h.membership).get<PruningJob>(pruningJobToken(service));
  const rows = async <T = Json>(sql: string, params: unknown[] = []) =>
    (await owner.query(sql, params)).rows as T[];

  async function member(): Promise<string> {
    const res = await h.api.as(lero.adminToken).post<{ id: string }>(`${base()}/members`, {
      displayName: `Kept Person ${++n}`,
      email: `kept-${n}@example.org`,
    });
    if (res.status !== 201) throw new Error(`member: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  beforeAll(async () => {
    h = await startDistributedHearth();
    owner = new Client({ connectionString: h.db.ownerUrl });
    await owner.connect();
    const admin = await h.given.platformAdmin();
    const region = await h.given.region(admin);
    lero = await h.given.lero(region.id, admin);
  });

  afterAll(async () => {
    await owner?.end();
    await h?.close();
  });

  it('erases members who left more than two years ago, as an erasure would, and keeps everyone else', async () => {
    const [stays, leftLongAgo, leftRecently] = [await member(), await member(), await member()];
    for (const id of [leftLongAgo, leftRecently])
      expect((await h.api.as(lero.adminToken).post(`${base()}/members/${id}/leave`, {})).status).toBe(200);
    await owner.query(`update membership.members set left_at = now() - interval '3 years' where id = $1`, [
      leftLongAgo,
    ]);

    expect(await job('membership').runOnce()).toMatchObject({ 'members who left (erased)': 1 });

    const status = async (id: string) =>
      (
        await rows<{ status: string; display_name: string | null }>(
          'select status, display_name from membership.members where id = $1',
          [id],
        )
      )[0];
    expect(await status(leftLongAgo)).toEqual({ status: 'erased', display_name: null });
    expect(await status(leftRecently)).toMatchObject({ status: 'left', display_name: expect.any(String) });
    expect(await status(stays)).toMatchObject({ status: 'active' });
    // The audit log says the schedule did it, and every service holding the id hears of it.
    expect(
      await rows(
        `select actor_account_id, details->>'reason' as reason from membership.audit_entries
        where member_id = $1 and action = 'member.erased'`,
        [leftLongAgo],
      ),
    ).toEqual([{ actor_account_id: null, reason: 'retention' }]);
    await eventually(async () =>
      expect(
        await rows('select 1 from events.erased_members where member_key = $1', [
          erasedMemberKey(lero.id, leftLongAgo),
        ]),
      ).toHaveLength(1),
    );
    // Run again: nothing more is due.
    expect(await job('membership').runOnce()).toMatchObject({ 'members who left (erased)': 0 });
  });

  it('prunes audit entries older than six years in every LERO, and no younger one', async () => {
    const id = await member();
    const [entry] = await rows<{ id: string }>(
      `select id from membership.audit_entries where member_id = $1 and action = 'member.created'`,
      [id],
    );
    await owner.query(`update membership.audit_entries set at = now() - interval '7 years' where id = $1`, [
      entry.id,
    ]);
    const [tenantEntry] = await rows<{ id: string }>(
      'select id from tenants.audit_entries order by at limit 1',
    );
    await owner.query(`update tenants.audit_entries set at = now() - interval '7 years' where id = $1`, [
      tenantEntry.id,
    ]);
    const youngBefore = Number(
      (await rows<{ n: string }>('select count(*) as n from membership.audit_entries'))[0].n,
    );

    expect(await job('membership').runOnce()).toMatchObject({ 'audit entries': 1 });
    expect(await job('tenants').runOnce()).toMatchObject({ 'audit entries': 1 });

    expect(await rows('select 1 from membership.audit_entries where id = $1', [entry.id])).toEqual([]);
    expect(await rows('select 1 from tenants.audit_entries where id = $1', [tenantEntry.id])).toEqual([]);
    const youngAfter = Number(
      (await rows<{ n: string }>('select count(*) as n from membership.audit_entries'))[0].n,
    );
    expect(youngAfter).toBe(youngBefore - 1);
  });

  it('prunes membership’s sent reminders after RETENTION_EMAILS, and their links once they can stop nothing (ADR 0081)', async () => {
    // An old link of a member who still has reminders keeps working: it is not pruned.
    const wanting = await member();
    await owner.query(`update membership.members set reminders = 'email' where id = $1`, [wanting]);
    await owner.query(
      `insert into membership.unsubscribe_tokens (token_hash, tenant_id, member_id, created_at)
        values ('still-wanted', $1, $2, now() - interval '40 days')`,
      [lero.id, wanting],
    );
    for (const [subject, finished] of [
      ['old-reminder', '40 days'],
      ['new-reminder', '1 day'],
    ]) {
      await owner.query(
        `insert into membership.mail_queue (id, kind, recipient, subject, state, discard_after, finished_at)
          values (gen_random_uuid(), 'session-reminder', 'x@example.org', $1, 'sent', now(), now() - $2::interval)`,
        [subject, finished],
      );
      await owner.query(
        `insert into membership.unsubscribe_tokens (token_hash, tenant_id, member_id, created_at)
          values ($1, gen_random_uuid(), gen_random_uuid(), now() - $2::interval)`,
        [subject, finished],
      );
      // When a shift occurrence's reminders were last withdrawn: long past them once older than the period.
      await owner.query(
        `insert into membership.shift_reminder_marks (shift_id, starts_at, member_id, kind, tenant_id, at)
          values (gen_random_uuid(), '-infinity', gen_random_uuid(), $1, $2, now() - $3::interval)`,
        [subject === 'old-reminder' ? 'announced' : 'withdrawn', lero.id, finished],
      );
    }
    expect(await job('membership').runOnce()).toMatchObject({ emails: 3 });
    expect(await rows('select subject from membership.mail_queue')).toEqual([{ subject: 'new-reminder' }]);
    expect(await rows('select kind from membership.shift_reminder_marks')).toEqual([{ kind: 'withdrawn' }]);
    expect(await rows('select token_hash from membership.unsubscribe_tokens order by token_hash')).toEqual([
      { token_hash: 'new-reminder' },
      { token_hash: 'still-wanted' },
    ]);
  });

  it('prunes invitations, refresh tokens, reset links and sent emails once their period after use or expiry is over', async () => {
    const invite = async (email: string) => {
      const res = await h.api
        .as(lero.adminToken)
        .post<{ id: string; token: string }>(`${base()}/invitations`, { email, role: 'volunteer' });
      if (res.status !== 201) throw new Error(`invite: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    await invite(`pending-${++n}@example.org`);
    await invite(`expired-${++n}@example.org`);
    const acceptedEmail = `accepted-${++n}@example.org`;
    const accepted = await invite(acceptedEmail);
    await h.given.acceptInvitation(accepted.token, acceptedEmail);
    await owner.query(
      `update tenants.invitations set expires_at = now() - interval '100 days' where email like 'expired-%'`,
    );
    await owner.query(
      `update tenants.invitations set accepted_at = now() - interval '100 days' where email = $1`,
      [acceptedEmail],
    );
    const [account] = await rows<{ id: string }>('select id from tenants.accounts where email = $1', [
      acceptedEmail,
    ]);
    // The accepted volunteer's sign-in ended 40 days ago; the LERO admin's is still on.
    await owner.query(
      `update tenants.refresh_tokens set session_expires_at = now() - interval '40 days' where account_id = $1`,
      [account.id],
    );
    await owner.query(
      `insert into tenants.password_resets (id, account_id, token_hash, expires_at, created_at)
        values (gen_random_uuid(), $1, 'old-reset', now() - interval '40 days', now() - interval '41 days')`,
      [account.id],
    );

    // Emails: the envelope of one sent 40 days ago goes; one sent yesterday and one still queued stay.
    for (const [subject, state, finished] of [
      ['old-sent', 'sent', '40 days'],
      ['new-sent', 'sent', '1 day'],
    ])
      await owner.query(
        `insert into tenants.mail_queue (id, kind, recipient, subject, state, discard_after, finished_at)
          values (gen_random_uuid(), 'invitation', 'x@example.org', $1, $2, now(), now() - $3::interval)`,
        [subject, state, finished],
      );
    await owner.query(
      `insert into tenants.mail_queue (id, kind, recipient, subject, body_text, body_html, discard_after, created_at)
        values (gen_random_uuid(), 'invitation', 'x@example.org', 'queued', 't', 'h', now() + interval '1 day',
          now() - interval '40 days')`,
    );

    const removed = await job('tenants').runOnce();

    expect(removed).toMatchObject({ invitations: 2, 'password reset links': 1, emails: 1 });
    expect(
      (await rows<{ subject: string }>('select subject from tenants.mail_queue order by subject')).map(
        (r) => r.subject,
      ),
    ).toEqual(['new-sent', 'queued']);
    expect(removed['refresh tokens']).toBeGreaterThan(0);
    expect(await rows('select 1 from tenants.refresh_tokens where account_id = $1', [account.id])).toEqual(
      [],
    );
    expect(await rows("select 1 from tenants.password_resets where token_hash = 'old-reset'")).toEqual([]);
    const left = (await rows<{ email: string }>('select email from tenants.invitations')).map((r) => r.email);
    expect(left.some((e) => e.startsWith('pending-'))).toBe(true);
    expect(left.some((e) => e.startsWith('expired-') || e === acceptedEmail)).toBe(false);
    // The LERO admin, still signed in, keeps their refresh tokens.
    expect(
      await rows(
        `select 1 from tenants.refresh_tokens t join tenants.accounts a on a.id = t.account_id where a.email = $1`,
        [lero.adminEmail],
      ),
    ).not.toEqual([]);
  });
});
