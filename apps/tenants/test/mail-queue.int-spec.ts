import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import {
  AppError,
  TenantsClient,
  isSecondFactorChallenge,
  type Actor,
  type RequestContext,
} from '@hearth/contracts';
import { MessageClient, createNatsClient } from '@hearth/messaging';
import { migrateAll } from '@hearth/persistence';
import {
  createTestDatabase,
  eventually,
  startTestNats,
  TestSmtpServer,
  testTrust,
  tokenIn,
  uniqueName,
  waitingOnLocks,
  withClient,
  type TestDatabase,
  type TestNats,
} from '@hearth/testing';
import { TENANTS_SCHEMA } from '../src/tenants-database';
import { createTenantsApp } from '../src/tenants.app';
import type { TenantsOptions } from '../src/tenants.options';
import { hashPassword } from '../src/accounts/password.util';
import { hashSecretToken } from '../src/secret-token.util';

const PASSWORD = 'the old password, long';
const NEW_PASSWORD = 'a new password, also long';
const MINUTE = 60_000;

/**
 * The mail queue and "forgot my password" (ADR 0077), against a real SMTP server started here and read with
 * mailparser: what arrives, that it arrives once, through an SMTP server that is down and a restart mid-queue.
 */
describe('the mail queue and forgot-password (tenants over NATS, a real SMTP server)', () => {
  let db: TestDatabase;
  let nats: TestNats;
  let smtp: TestSmtpServer;
  let replicas: NestFastifyApplication[] = [];
  let bus: MessageClient;
  let client: TenantsClient;
  let options: TenantsOptions;
  let clockOffset = 0;
  const ctx = (actor?: Actor): RequestContext => testTrust.ctx(actor);

  const startReplica = async () => {
    const app = await createTenantsApp(options, { ...nats.as('tenants'), trust: testTrust.trust }, 'error');
    await app.init();
    replicas.push(app);
  };

  const sql = <R = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    withClient(db.ownerUrl, async (c) => (await c.query(text, params)).rows as R[]);

  /** An account made straight in the database: these tests are about its email, not how it was invited. */
  async function account(opts: { disabled?: boolean; twoFactor?: boolean } = {}): Promise<string> {
    const email = `${uniqueName('person')}@example.org`.toLowerCase();
    const id = uuidv7();
    await sql(
      `insert into tenants.accounts (id, email, display_name, password_hash, disabled_at) values ($1, $2, 'P', $3, $4)`,
      [id, email, await hashPassword(PASSWORD), opts.disabled ? new Date() : null],
    );
    if (opts.twoFactor)
      await sql(
        `insert into tenants.two_factor (account_id, totp_secret, enabled_at) values ($1, 'x', now())`,
        [id],
      );
    return email;
  }

  const rowsFor = (email: string) =>
    sql<{
      state: string;
      attempts: number;
      body_text: string | null;
      body_html: string | null;
      last_error: string;
    }>(
      `select state, attempts, body_text, body_html, last_error from tenants.mail_queue where recipient = $1`,
      [email],
    );

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (err: unknown) =>
        err instanceof AppError ? `${err.code}:${String(err.details?.reason)}` : String(err),
    );

  beforeAll(async () => {
    nats = await startTestNats();
    db = await createTestDatabase();
    await migrateAll([TENANTS_SCHEMA], db.ownerUrl, db.urlFor);
    smtp = new TestSmtpServer();
    await smtp.start();
    options = {
      databaseUrl: db.urlFor(TENANTS_SCHEMA.schema),
      signingKey: testTrust.accessKeys.privateKey,
      totpEncryptionKey: randomBytes(32),
      adminEmail: 'root@example.org',
      adminPassword: 'root-password-long',
      smtpUrl: smtp.url,
      publicUrl: 'https://hearth.example.org',
      mail: { pollMs: 100, retryFirstMs: 300, retryMaxMs: 1200, maxAttempts: 100, leaseMs: 4000 },
      now: () => new Date(Date.now() + clockOffset),
    };
    // Two replicas share the queue, as in production.
    for (let i = 0; i < 2; i++) await startReplica();
    bus = new MessageClient(createNatsClient(nats.as('gateway')), 5000);
    client = new TenantsClient(bus);
  });

  afterAll(async () => {
    await bus?.close();
    for (const app of replicas) await app.close();
    replicas = [];
    await smtp?.stop();
    await db?.drop();
    await nats?.stop();
  });

  afterEach(() => {
    clockOffset = 0;
    smtp.acceptDelayMs = 0;
  });

  it('emails a neutral text-and-HTML message whose link sets a new password once, signing out everywhere', async () => {
    const email = await account();
    const before = await client.login(ctx(), { email, password: PASSWORD });
    if (isSecondFactorChallenge(before)) throw new Error('no second factor expected');
    expect(await client.forgotPassword(ctx(), { email: email.toUpperCase() })).toEqual({ accepted: true });

    const [mail] = await eventually(() => {
      const got = smtp.to(email);
      expect(got).toHaveLength(1);
      return got;
    });
    expect(mail.from).toBe('"Hearth" <no-reply@hearth.invalid>');
    expect(mail.subject).toBe('Reset your Hearth password');
    expect(`${mail.from} ${mail.subject}`).not.toMatch(/recover|addict|alcohol|drug/i);
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@hearth\.invalid>$/);
    expect(mail.html).toMatch(/<html lang="en">/);
    const token = tokenIn(mail.text, 'https://hearth.example.org/password-reset');
    expect(tokenIn(mail.html, 'https://hearth.example.org/password-reset')).toBe(token);
    // Asking is not proof of being the owner: the old password works until the link is used.
    expect(isSecondFactorChallenge(await client.login(ctx(), { email, password: PASSWORD }))).toBe(false);

    expect(await client.completePasswordReset(ctx(), { token, newPassword: NEW_PASSWORD })).toEqual({
      changed: true,
    });
    expect(await codeOf(client.refresh(ctx(), { refreshToken: before.refreshToken }))).toMatch(
      /^UNAUTHENTICATED/,
    );
    expect(await codeOf(client.login(ctx(), { email, password: PASSWORD }))).toMatch(/^UNAUTHENTICATED/);
    expect(await codeOf(client.login(ctx(), { email, password: NEW_PASSWORD }))).toBe('resolved');
    expect(await codeOf(client.completePasswordReset(ctx(), { token, newPassword: NEW_PASSWORD }))).toBe(
      'GONE:ResetLinkSpent',
    );
    // Sent: the message, with its link, is gone from the queue; the envelope stays until the retention job.
    expect(await rowsFor(email)).toEqual([
      expect.objectContaining({ state: 'sent', attempts: 1, body_text: null, body_html: null }),
    ]);
  });

  it('keeps two-factor sign-in through a reset', async () => {
    const email = await account({ twoFactor: true });
    await client.forgotPassword(ctx(), { email });
    const [mail] = await eventually(() => {
      expect(smtp.to(email)).toHaveLength(1);
      return smtp.to(email);
    });
    const token = tokenIn(mail.text, '/password-reset');
    await client.completePasswordReset(ctx(), { token, newPassword: NEW_PASSWORD });
    expect(isSecondFactorChallenge(await client.login(ctx(), { email, password: NEW_PASSWORD }))).toBe(true);
  });

  it('makes a link that expires (30 minutes by default)', async () => {
    const email = await account();
    await client.forgotPassword(ctx(), { email });
    const [mail] = await eventually(() => {
      expect(smtp.to(email)).toHaveLength(1);
      return smtp.to(email);
    });
    clockOffset = 31 * MINUTE;
    expect(
      await codeOf(
        client.completePasswordReset(ctx(), {
          token: tokenIn(mail.text, '/password-reset'),
          newPassword: NEW_PASSWORD,
        }),
      ),
    ).toBe('GONE:ResetLinkExpired');
  });

  it('answers the same for an unknown or disabled address and sends nothing, nor more than 3 links an hour', async () => {
    const disabled = await account({ disabled: true });
    const nobody = `${uniqueName('nobody')}@example.org`.toLowerCase();
    const busy = await account();
    for (const email of [nobody, disabled])
      expect(await client.forgotPassword(ctx(), { email })).toEqual({ accepted: true });
    for (let i = 0; i < 4; i++)
      expect(await client.forgotPassword(ctx(), { email: busy })).toEqual({ accepted: true });
    // The queue is sent in order: once the later messages are here, the earlier ones would be too.
    await eventually(() => expect(smtp.to(busy)).toHaveLength(3));
    expect([...smtp.to(nobody), ...smtp.to(disabled)]).toEqual([]);
    expect([...(await rowsFor(nobody)), ...(await rowsFor(disabled))]).toEqual([]);
    const [{ links }] = await sql<{ links: number }>(
      `select count(*)::int as links from tenants.password_resets r join tenants.accounts a on a.id = r.account_id
        where a.email = $1`,
      [busy],
    );
    expect(links).toBe(3);
  });

  it('queues an email in the transaction of its link: when that fails, no email is left behind', async () => {
    const email = await account();
    const [{ id }] = await sql<{ id: string }>(`select id from tenants.accounts where email = $1`, [email]);
    // The database refuses this account's link, after the email was added to the same unit of work.
    await sql(`create function tenants.refuse_link() returns trigger language plpgsql as $$
      begin if new.account_id = '${id}' then raise exception 'refused'; end if; return new; end $$`);
    await sql(`create trigger refuse_link before insert on tenants.password_resets
      for each row execute function tenants.refuse_link()`);
    try {
      expect(await codeOf(client.forgotPassword(ctx(), { email }))).not.toBe('resolved');
    } finally {
      await sql(`drop trigger refuse_link on tenants.password_resets`);
      await sql(`drop function tenants.refuse_link()`);
    }
    expect(await rowsFor(email)).toEqual([]);
  });

  it('sends an invitation under a neutral subject, naming the organisation only inside', async () => {
    const root = await client.login(ctx(), { email: 'root@example.org', password: 'root-password-long' });
    if (isSecondFactorChallenge(root)) throw new Error('no second factor expected');
    const claims = JSON.parse(Buffer.from(root.accessToken.split('.')[1], 'base64url').toString()) as {
      sub: string;
    };
    const me = await client.me(ctx({ accountId: claims.sub, email: 'root@example.org', grants: [] }));
    const admin: Actor = {
      accountId: claims.sub,
      email: 'root@example.org',
      grants: me.grants as Actor['grants'],
    };
    const region = await client.createRegion(ctx(admin), {
      name: 'Calder Valley Recovery Network',
      slug: uniqueName('calder').replace('_', '-'),
    });
    const email = `${uniqueName('invitee')}@example.org`.toLowerCase();
    const invitation = await client.inviteToRegion(ctx(admin), region.id, { email, role: 'commissioner' });
    const [mail] = await eventually(() => {
      expect(smtp.to(email)).toHaveLength(1);
      return smtp.to(email);
    });
    expect(mail.subject).toBe('Your invitation to Hearth');
    expect(mail.text.split('\n')[0]).not.toMatch(/recover|calder/i);
    expect(mail.text).toContain('the Calder Valley Recovery Network region');
    expect(tokenIn(mail.text, '/invitations/accept')).toBe(invitation.token);
    expect(mail.html).toContain('the Calder Valley Recovery Network region');
  });

  it('keeps a message while the SMTP server is down, retrying with backoff, and sends it once when it is back', async () => {
    await smtp.stop();
    const email = await account();
    await client.forgotPassword(ctx(), { email });
    const started = Date.now();
    const [tried] = await eventually(
      async () => {
        const rows = await rowsFor(email);
        expect(rows[0]).toEqual(expect.objectContaining({ state: 'queued', last_error: expect.any(String) }));
        expect(rows[0].attempts).toBeGreaterThanOrEqual(3);
        return rows;
      },
      { timeoutMs: 15_000 },
    );
    // 300 ms doubling: a third try takes at least 0.3 + 0.6 s; polling every 100 ms without backoff, 0.2 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(tried.body_text).toContain('/password-reset?token=');
    await smtp.start();
    await eventually(() => expect(smtp.to(email)).toHaveLength(1), { timeoutMs: 10_000 });
    await eventually(async () => expect((await rowsFor(email))[0].state).toBe('sent'));
    expect(smtp.to(email)).toHaveLength(1);
  });

  it('sends nothing twice across a restart of every replica mid-queue, nor a try cut short by a crash', async () => {
    smtp.acceptDelayMs = 500;
    const emails: string[] = [];
    for (let i = 0; i < 6; i++) emails.push(await account());
    for (const email of emails) await client.forgotPassword(ctx(), { email });
    // A try some earlier process began and never finished: whether SMTP took it is unknown.
    const crashed = `${uniqueName('crashed')}@example.org`.toLowerCase();
    await sql(
      `insert into tenants.mail_queue (id, kind, recipient, subject, body_text, body_html, state, attempts,
        lease_until, discard_after) values ($1, 'security-notice', $2, 'S', 'T', '<p>T</p>', 'sending', 1,
        now() - interval '1 second', now() + interval '1 hour')`,
      [uuidv7(), crashed],
    );
    await eventually(() => expect(emails.some((e) => smtp.to(e).length > 0)).toBe(true));
    await Promise.all(replicas.map((app) => app.close()));
    replicas = [];
    const sentBeforeRestart = emails.filter((e) => smtp.to(e).length > 0).length;
    expect(sentBeforeRestart).toBeLessThan(emails.length);
    await startReplica();
    await startReplica();
    await eventually(
      async () => {
        const states = await sql<{ state: string }>(
          `select state from tenants.mail_queue where recipient = any($1)`,
          [[...emails, crashed]],
        );
        expect(states.map((s) => s.state).sort()).toEqual([...emails.map(() => 'sent'), 'unknown']);
      },
      { timeoutMs: 15_000 },
    );
    for (const email of emails) expect(smtp.to(email)).toHaveLength(1);
    expect(new Set(emails.map((e) => smtp.to(e)[0].messageId)).size).toBe(emails.length);
    expect(smtp.to(crashed)).toEqual([]);
    expect(await rowsFor(crashed)).toEqual([expect.objectContaining({ body_text: null, body_html: null })]);
  });

  it('gives up an account’s digest still queued when its unsubscribe link is used, and keeps another’s (ADR 0083)', async () => {
    const [mine, theirs] = [await account(), await account()];
    const token = randomBytes(32).toString('base64url');
    for (const email of [mine, theirs]) {
      const [{ id }] = await sql<{ id: string }>(`select id from tenants.accounts where email = $1`, [email]);
      const mailId = uuidv7();
      // Queued for later, so that the sender leaves it be while the link is used.
      await sql(
        `insert into tenants.mail_queue (id, kind, recipient, subject, body_text, body_html, headers, next_attempt_at, discard_after)
          values ($1, 'digest', $2, 'Your weekly summary from Hearth', 'text', '<p>html</p>', '{"List-Unsubscribe":"<x>"}',
            now() + interval '1 hour', now() + interval '1 day')`,
        [mailId, email],
      );
      await sql(
        `insert into tenants.digest_runs (id, account_id, period, mail_id, unsubscribe_hash) values ($1, $2, 'p', $3, $4)`,
        [uuidv7(), id, mailId, email === mine ? hashSecretToken(token) : null],
      );
    }
    // And last week's, in the hands of a sender right now (its lease is an hour): if that try fails, it must
    // not go back to the queue.
    const [{ id: myId }] = await sql<{ id: string }>(`select id from tenants.accounts where email = $1`, [
      mine,
    ]);
    const inFlight = uuidv7();
    await sql(
      `insert into tenants.mail_queue (id, kind, recipient, subject, body_text, body_html, state, attempts, lease_until, discard_after)
        values ($1, 'digest', $2, 'Your weekly summary from Hearth', 'text', '<p>html</p>', 'sending', 1,
          now() + interval '1 hour', now() + interval '1 day')`,
      [inFlight, mine],
    );
    await sql(
      `insert into tenants.digest_runs (id, account_id, period, mail_id, unsubscribe_hash) values ($1, $2, 'p0', $3, null)`,
      [uuidv7(), myId, inFlight],
    );
    expect(await client.digestUnsubscribe(ctx(), { token })).toEqual({ unsubscribed: true });
    const mineNow = await sql<{ id: string; state: string; body_text: string | null; gone: boolean }>(
      `select id, state, body_text, discard_after <= now() as gone from tenants.mail_queue where recipient = $1 order by id`,
      [mine],
    );
    expect(mineNow).toEqual([
      expect.objectContaining({ state: 'expired', body_text: null }),
      { id: inFlight, state: 'sending', body_text: 'text', gone: true },
    ]);
    expect(await rowsFor(theirs)).toEqual([expect.objectContaining({ state: 'queued' })]);
    const [{ enabled }] = await sql<{ enabled: boolean }>(
      `select s.enabled from tenants.digest_settings s join tenants.accounts a on a.id = s.account_id where a.email = $1`,
      [mine],
    );
    expect(enabled).toBe(false);
    expect(await codeOf(client.digestUnsubscribe(ctx(), { token: `${token}x` }))).toBe(
      'VALIDATION:DigestLinkUnknown',
    );
  });

  it('gives up a digest the sender claims while its unsubscribe link is being used (ADR 0081, race fixed)', async () => {
    const mine = await account();
    const [{ id: accountId }] = await sql<{ id: string }>(
      `select id from tenants.accounts where email = $1`,
      [mine],
    );
    const token = randomBytes(32).toString('base64url');
    const stateOf = async (id: string) =>
      (await sql<{ state: string }>(`select state from tenants.mail_queue where id = $1`, [id]))[0].state;
    /** Whether a transaction holds the row (a probe that skips a locked row finds nothing). */
    const locked = async (id: string) =>
      (await sql(`select id from tenants.mail_queue where id = $1 for update skip locked`, [id])).length ===
      0;
    const blocker = new Client({ connectionString: db.ownerUrl });
    await blocker.connect();
    smtp.holding = true;
    try {
      // Each replica's sender is busy with a reset link that SMTP holds.
      const busy = [await account(), await account()];
      for (const email of busy) await client.forgotPassword(ctx(), { email });
      await eventually(() => expect(smtp.heldFor).toHaveLength(2));
      // This week's digest, queued, and last week's in the hands of a sender elsewhere, locked here: turning the
      // digest off stops at it.
      const [queued, elsewhere] = [uuidv7(), uuidv7()];
      for (const [id, period, sending] of [
        [queued, 'p', false],
        [elsewhere, 'p0', true],
      ] as const) {
        await sql(
          `insert into tenants.mail_queue (id, kind, recipient, subject, body_text, body_html, state, attempts,
              lease_until, discard_after)
            values ($1, 'digest', $2, 'Your weekly summary from Hearth', 'text', '<p>html</p>', $3, $4,
              case when $3 = 'sending' then now() + interval '1 hour' end, now() + interval '1 day')`,
          [id, mine, sending ? 'sending' : 'queued', sending ? 1 : 0],
        );
        await sql(
          `insert into tenants.digest_runs (id, account_id, period, mail_id, unsubscribe_hash) values ($1, $2, $3, $4, $5)`,
          [uuidv7(), accountId, period, id, sending ? null : hashSecretToken(token)],
        );
      }
      await blocker.query('begin');
      await blocker.query(`select id from tenants.mail_queue where id = $1 for update`, [elsewhere]);
      const off = client.digestUnsubscribe(ctx(), { token });
      await eventually(async () => expect(await withClient(db.ownerUrl, waitingOnLocks)).toBe(1));
      // SMTP takes one reset link; that sender claims the queued digest (unless the change holds it already).
      smtp.answerHeld(busy[0], true);
      await eventually(async () => expect(smtp.heldFor.includes(mine) || (await locked(queued))).toBe(true));
      await blocker.query('rollback');
      expect(await off).toEqual({ unsubscribed: true });
      // Should that try fail, it is not tried again.
      if (smtp.heldFor.includes(mine)) smtp.answerHeld(mine, false);
      await eventually(async () => expect(await stateOf(queued)).not.toBe('sending'));
      const toSend = await sql(
        `select id from tenants.mail_queue
          where id = any($1) and state in ('queued', 'sending') and discard_after > now()`,
        [[queued, elsewhere]],
      );
      expect(toSend).toEqual([]);
    } finally {
      smtp.holding = false;
      for (const to of smtp.heldFor) smtp.answerHeld(to, true);
      await blocker.query('rollback');
      await blocker.end();
    }
  });
});
