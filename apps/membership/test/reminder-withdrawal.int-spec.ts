import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MembershipClient, type Actor, type RequestContext } from '@hearth/contracts';
import { MessageClient, createNatsClient } from '@hearth/messaging';
import { migrateAll } from '@hearth/persistence';
import {
  TestSmtpServer,
  createTestDatabase,
  eventually,
  startTestNats,
  testTrust,
  uniqueName,
  waitingOnLocks,
  type TestDatabase,
  type TestNats,
} from '@hearth/testing';
import { MEMBERSHIP_SCHEMA, MembershipDatabase } from '../src/membership-database';
import { createMembershipApp } from '../src/membership.app';
import { ReminderMailer } from '../src/reminders/reminder-mailer';
import { remindersConsumer } from '../src/reminders/reminders.consumer';

const CONSENT = { contact: true, photos: false, shareStoriesAnonymously: false };

/**
 * Taking reminders back while the mail sender moves them (ADR 0081, "Race fixed"): a withdrawal or a member's
 * change that stops their reminders is made to stop in the middle (a row it must update is locked by the test),
 * and the real sender, whose try a real SMTP server holds, claims a message or puts a failed try back meanwhile.
 * Nothing taken back may be left for the sender to send.
 */
describe('reminders taken back while the mail sender moves them (membership, real SMTP)', () => {
  let db: TestDatabase;
  let nats: TestNats;
  let smtp: TestSmtpServer;
  let app: NestFastifyApplication;
  let bus: MessageClient;
  let client: MembershipClient;
  let owner: Client;
  let blocker: Client;
  const lero = uuidv7();
  const admin: Actor = {
    accountId: uuidv7(),
    email: `${uniqueName('admin')}@example.org`,
    grants: [{ role: 'tenant-admin', tenantId: lero }],
  };
  const ctx = (): RequestContext => testTrust.ctx(admin, { tenantId: lero });

  const rows = async <R>(sql: string, params: unknown[] = []) => (await owner.query(sql, params)).rows as R[];
  /** Messages of these ids the sender may still hand to SMTP. */
  const stillToSend = async (ids: string[]) =>
    (
      await rows<{ id: string }>(
        `select id from membership.mail_queue
          where id = any($1) and state in ('queued', 'sending') and discard_after > now()`,
        [ids],
      )
    ).length;
  const stateOf = async (id: string) =>
    (await rows<{ state: string }>(`select state from membership.mail_queue where id = $1`, [id]))[0]?.state;
  /** Whether a transaction holds the row (a probe that skips a locked row finds nothing). */
  const locked = async (id: string) =>
    (await rows(`select id from membership.mail_queue where id = $1 for update skip locked`, [id])).length ===
    0;
  /** Locks the row (as a transaction changing it would) until `release`. */
  const hold = async (id: string) => {
    await blocker.query('begin');
    await blocker.query(`select id from membership.mail_queue where id = $1 for update`, [id]);
  };
  const release = () => blocker.query('rollback');

  const reminded = async () => {
    const email = `${uniqueName('reminded')}@example.org`.toLowerCase();
    const m = await client.createMember(ctx(), lero, {
      displayName: 'Reminded',
      email,
      reminders: 'email',
      consents: CONSENT,
    });
    return { id: m.id, email };
  };
  const deliver = async (subject: string, data: Record<string, unknown>, occurredAt: Date) => {
    const consumer = remindersConsumer(app.get(MembershipDatabase), app.get(ReminderMailer));
    return consumer.process(
      { id: uuidv7(), subject, tenantId: lero, occurredAt: occurredAt.toISOString(), data },
      1,
    );
  };
  const startsAt = new Date(Date.now() + 20 * 3600_000);
  const due = (sessionId: string, memberIds: string[], at: Date) =>
    deliver(
      'evt.events.reminder.due',
      {
        tenantId: lero,
        sessionId,
        title: 'Taken back',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
        timezone: 'Europe/London',
        place: null,
        memberIds,
      },
      at,
    );
  const mailOf = async (email: string) =>
    (await rows<{ id: string }>(`select id from membership.mail_queue where recipient = $1`, [email]))[0].id;

  beforeAll(async () => {
    nats = await startTestNats();
    db = await createTestDatabase();
    await migrateAll([MEMBERSHIP_SCHEMA], db.ownerUrl, db.urlFor);
    smtp = new TestSmtpServer();
    await smtp.start();
    app = await createMembershipApp(
      {
        databaseUrl: db.urlFor(MEMBERSHIP_SCHEMA.schema),
        smtpUrl: smtp.url,
        publicUrl: 'https://hearth.example.org',
        // A held try stays well inside the lease (the transport's timeouts are a quarter of it).
        mail: { pollMs: 50, retryFirstMs: 100, retryMaxMs: 200, leaseMs: 60_000 },
      },
      { ...nats.as('membership'), trust: testTrust.trust },
      'error',
    );
    await app.init();
    bus = new MessageClient(createNatsClient(nats.as('gateway')), 10_000);
    client = new MembershipClient(bus);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    blocker = new Client({ connectionString: db.ownerUrl });
    await blocker.connect();
  });

  /** Each test starts from an empty queue (the sender's updates of a row gone change nothing). */
  afterEach(async () => {
    await blocker.query('rollback');
    await owner.query('delete from membership.mail_queue');
    smtp.holding = false;
    for (const to of smtp.heldFor) smtp.answerHeld(to, true);
  });

  afterAll(async () => {
    await blocker?.end();
    await owner?.end();
    await bus?.close();
    await app?.close();
    await smtp?.stop();
    await db?.drop();
    await nats?.stop();
  });

  it('withdraws a cancelled session’s reminder whose failed try the sender puts back meanwhile', async () => {
    const [ana, bo] = [await reminded(), await reminded()];
    const sessionId = uuidv7();
    smtp.holding = true;
    expect(await due(sessionId, [ana.id, bo.id], new Date(Date.now() - 2000))).toBe('handled');
    // The sender hands one of the two to SMTP, which holds it; the other waits its turn.
    const [sending] = await eventually(() => {
      expect(smtp.heldFor).toHaveLength(1);
      return smtp.heldFor;
    });
    const [first, waiting] = sending.includes(ana.email) ? [ana, bo] : [bo, ana];
    const ids = [await mailOf(first.email), await mailOf(waiting.email)];
    expect(await stateOf(ids[0])).toBe('sending');
    // The session is cancelled; its withdrawal stops at the waiting one's row…
    await hold(ids[1]);
    const withdrawal = deliver(
      'evt.events.session.cancelled',
      {
        tenantId: lero,
        sessionId,
        activityId: uuidv7(),
        category: 'social',
        sessionDate: startsAt.toISOString().slice(0, 10),
        startsAt: startsAt.toISOString(),
        reason: null,
      },
      new Date(Date.now() - 1000),
    );
    await eventually(async () => expect(await waitingOnLocks(owner)).toBe(1));
    // …while SMTP refuses the try in flight, which the sender puts back in the queue (or waits to).
    smtp.answerHeld(first.email, false);
    await eventually(async () =>
      expect((await stateOf(ids[0])) === 'queued' || (await waitingOnLocks(owner)) === 2).toBe(true),
    );
    await release();
    expect(await withdrawal).toBe('handled');
    expect(await stillToSend(ids)).toBe(0);
  });

  it('drops the reminders of a member who chooses none, one claimed by the sender meanwhile too', async () => {
    const [cy, di] = [await reminded(), await reminded()];
    smtp.holding = true;
    // Di's reminder keeps the sender busy (SMTP holds it) while Cy's is queued.
    expect(await due(uuidv7(), [di.id], new Date())).toBe('handled');
    await eventually(() => expect(smtp.heldFor).toContain(di.email));
    expect(await due(uuidv7(), [cy.id], new Date())).toBe('handled');
    const queued = await mailOf(cy.email);
    // Another of Cy's, which another replica is handing to SMTP: the change stops at it.
    const elsewhere = uuidv7();
    await owner.query(
      `insert into membership.mail_queue (id, kind, recipient, subject, body_text, body_html, about_ref, state,
          attempts, lease_until, discard_after)
        select $1, kind, recipient, subject, body_text, body_html, about_ref, 'sending', 1, now() + interval '1 hour',
          discard_after
        from membership.mail_queue where id = $2`,
      [elsewhere, queued],
    );
    await hold(elsewhere);
    const change = client.updateMember(ctx(), lero, cy.id, { reminders: 'none' });
    await eventually(async () => expect(await waitingOnLocks(owner)).toBe(1));
    // SMTP takes Di's; the sender claims Cy's (unless the change already holds it) and SMTP holds that try.
    smtp.answerHeld(di.email, true);
    await eventually(async () =>
      expect(smtp.heldFor.includes(cy.email) || (await locked(queued))).toBe(true),
    );
    await release();
    expect(await change).toMatchObject({ reminders: 'none' });
    // Should that try fail, it is not tried again.
    if (smtp.heldFor.includes(cy.email)) smtp.answerHeld(cy.email, false);
    await eventually(async () => expect(await stateOf(queued)).not.toBe('sending'));
    expect(await stillToSend([queued, elsewhere])).toBe(0);
  });
});
