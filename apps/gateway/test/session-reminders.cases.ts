import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { ReminderSweepService } from '../../events/src';
import { MembershipDatabase, ReminderMailer, remindersConsumer } from '../../membership/src';
import { eventually, tokenIn, type ApiResponse, type TestSmtpServer } from '@hearth/testing';
import type { DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;

/** What the suite that runs these gives them: its Hearth (membership emailing through `smtp`) and its people. */
export interface RemindersSetting {
  h: DistributedHearth;
  smtp: TestSmtpServer;
  owner: Client;
  tenantId: string;
  adminToken: string;
  coordinator: string;
  /** A member record linked to an account of its own, with this email. */
  linkedMember: (email: string) => Promise<{ id: string; token: string }>;
  /** A one-off session starting `inMinutes` from now. */
  oneOff: (inMinutes: number, extra?: Json) => Promise<{ id: string; title: string }>;
}

const PUBLIC_URL = 'https://hearth.example.org';
const CONSENT = { contact: true, photos: false, shareStoriesAnonymously: false };
const UNSUBSCRIBE = `${PUBLIC_URL}/unsubscribe`;
const ok = <T>(res: ApiResponse<T>, status: number): T => {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};

/**
 * Session reminders (ADR 0081) end to end: the events service's sweep, `reminder.due` over JetStream, the
 * membership service's choice of who gets one, its mail queue, and what arrives at a real SMTP server.
 */
export function sessionReminderCases(setting: () => RemindersSetting) {
  describe('session reminders (ADR 0081)', () => {
    let n = 0;
    const base = () => `/api/v1/tenants/${setting().tenantId}`;
    const sweep = () => setting().h.events.get(ReminderSweepService).sweep();
    const count = async (sql: string, params: unknown[]) =>
      Number(
        (await setting().owner.query<{ n: string }>(`select count(*) as n from ${sql}`, params)).rows[0].n,
      );
    const queuedFor = (memberId: string) =>
      count(`membership.mail_queue where about_ref = $1`, [`member:${memberId}`]);
    /** Reminders of a member that may still be handed to SMTP (one caught mid-try is due to be discarded). */
    const stillToSend = (memberId: string) =>
      count(
        `membership.mail_queue where about_ref = $1 and state in ('queued', 'sending') and discard_after > now()`,
        [`member:${memberId}`],
      );
    /** Waits until membership has handled the session's `reminder.due` (its inbox row commits with its effect). */
    const handled = (sessionId: string) =>
      eventually(async () => {
        const handledEvents = await count(
          `events.outbox o join membership.inbox i on i.event_id = o.id
            where o.subject = 'evt.events.reminder.due' and o.payload->>'sessionId' = $1`,
          [sessionId],
        );
        if (handledEvents < 1) throw new Error('reminder.due not handled yet');
      });
    const member = async (body: Json) => {
      const { h, adminToken } = setting();
      return ok(
        await h.api.as(adminToken).post<{ id: string; reminders: string }>(`${base()}/members`, {
          displayName: `Reminded ${++n}`,
          ...body,
        }),
        201,
      );
    };
    const rsvp = async (sessionId: string, memberId: string) =>
      ok(
        await setting().h.api.as(setting().coordinator).post<Json>(`${base()}/sessions/${sessionId}/rsvps`, {
          memberId,
        }),
        201,
      ).status;

    it('emails the day before to a member going who chose email and consented, once, however many sweep', async () => {
      const { h, smtp, oneOff, linkedMember } = setting();
      const email = `reminded-${Date.now()}@example.org`;
      const kim = await linkedMember(email);
      // The member's own choice, on their page.
      const mine = ok(
        await h.api.as(kim.token).patch<Json>(`${base()}/me`, { reminders: 'email', email }),
        200,
      );
      expect(mine).toMatchObject({ reminders: 'email', email });
      ok(await h.api.as(kim.token).patch<Json>(`${base()}/me`, { consents: CONSENT }), 200);
      const none = await member({ email: `none-${n}@example.org`, consents: CONSENT });
      expect(none.reminders).toBe('none');
      const noConsent = await member({ email: `noconsent-${n}@example.org`, reminders: 'email' });
      const waitlisted = await member({
        email: `waitlisted-${n}@example.org`,
        reminders: 'email',
        consents: CONSENT,
      });
      const erased = await member({
        email: `erased-${n}@example.org`,
        reminders: 'email',
        consents: CONSENT,
      });
      // Reminders by email, but no contact at all preferred: the preference outranks the choice.
      const noContact = await member({
        email: `nocontact-${n}@example.org`,
        reminders: 'email',
        consents: CONSENT,
        preferredContact: 'none',
      });
      const session = await oneOff(20 * 60, {
        capacity: 5,
        location: { name: 'The Old Library', address: '1 High Street', postcode: 'LS1 1AA' },
      });
      for (const id of [kim.id, none.id, noConsent.id, erased.id, noContact.id])
        expect(await rsvp(session.id, id)).toBe('going');
      expect(await rsvp(session.id, waitlisted.id)).toBe('waitlisted');
      ok(await h.api.as(setting().adminToken).request('DELETE', `${base()}/members/${erased.id}`), 204);
      const later = await oneOff(3 * 24 * 60);
      const cancelled = await oneOff(10 * 60);
      expect(await rsvp(later.id, kim.id)).toBe('going');
      expect(await rsvp(cancelled.id, kim.id)).toBe('going');
      ok(await h.api.as(setting().coordinator).post(`${base()}/sessions/${cancelled.id}/cancel`, {}), 200);

      // Two replicas sweeping at once: each session is announced by one of them.
      await Promise.all([sweep(), sweep()]);
      await sweep();
      const [mail] = await eventually(() => {
        const got = smtp.to(email);
        if (got.length === 0) throw new Error('no reminder yet');
        return got;
      });
      expect(mail.subject).toBe('A reminder from Hearth');
      expect(`${mail.from} ${mail.subject} ${mail.text.split('\n')[0]}`).not.toMatch(
        /recover|addict|alcohol|drug/i,
      );
      expect(mail.text).toContain(`What: ${session.title}`);
      expect(mail.text).toContain('Where: The Old Library, 1 High Street, LS1 1AA');
      expect(mail.text).toMatch(/When: \w+day,? \d+ \w+ \d{4} at \d\d:\d\d to \d\d:\d\d/);
      expect(mail.html).toMatch(/<html lang="en">/);
      const header = (name: string) => mail.headerLines[name]?.replace(/\s+/g, ' ');
      expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      const token = tokenIn(mail.text, UNSUBSCRIBE);
      expect(header('list-unsubscribe')).toBe(`List-Unsubscribe: <${UNSUBSCRIBE}?token=${token}>`);

      await handled(session.id);
      // One reminder in all; nobody else on the session got one; the cancelled and the later session none.
      expect(await queuedFor(kim.id)).toBe(1);
      for (const other of [none, noConsent, waitlisted, erased, noContact])
        expect(await queuedFor(other.id)).toBe(0);
      const announced = (sessionId: string) =>
        count(`events.outbox where subject = 'evt.events.reminder.due' and payload->>'sessionId' = $1`, [
          sessionId,
        ]);
      expect([await announced(session.id), await announced(cancelled.id), await announced(later.id)]).toEqual(
        [1, 0, 0],
      );
      expect(smtp.to(email)).toHaveLength(1);

      // The link: a page that asks first (a GET changes nothing), then the choice is none at once.
      ok(await h.api.post(`/api/v1/public/unsubscribe`, { token }), 204);
      expect(ok(await h.api.as(kim.token).get<Json>(`${base()}/me`), 200)).toMatchObject({
        reminders: 'none',
      });
      ok(await h.api.post(`/api/v1/public/unsubscribe`, { token }), 204); // again: nothing to tell
      const next = await oneOff(21 * 60);
      expect(await rsvp(next.id, kim.id)).toBe('going');
      await sweep();
      await handled(next.id);
      expect(await queuedFor(kim.id)).toBe(1);
    });

    it('drops a member’s reminders still waiting to be sent the moment they unsubscribe or are erased', async () => {
      const { h, smtp, oneOff } = setting();
      const people: { id: string; displayName?: string }[] = [];
      for (let i = 0; i < 6; i++) people.push(await member({}));
      const [ana, bo, cy, di, ed, fay] = people;
      for (const m of people)
        ok(
          await h.api.as(setting().adminToken).patch<Json>(`${base()}/members/${m.id}`, {
            email: `queued-${m.id}@example.org`,
            reminders: 'email',
            consents: CONSENT,
          }),
          200,
        );
      await smtp.stop(); // the SMTP server is down: the reminders wait in the queue
      try {
        const session = await oneOff(22 * 60);
        for (const m of people) await rsvp(session.id, m.id);
        await sweep();
        await handled(session.id);
        for (const m of people) expect(await queuedFor(m.id)).toBe(1);
        // An earlier reminder of Bo's, sent: its envelope holds his address until erasure.
        await setting().owner.query(
          `insert into membership.mail_queue (id, kind, recipient, subject, state, discard_after, finished_at, about_ref)
            values (gen_random_uuid(), 'session-reminder', $1, 'sent before', 'sent', now(), now(), $2)`,
          [`queued-${bo.id}@example.org`, `member:${bo.id}`],
        );
        // Ana's link, as her email would carry it: tokens are stored hashed, so take it from the queued body.
        const { rows } = await setting().owner.query<{ body_text: string }>(
          `select body_text from membership.mail_queue where about_ref = $1`,
          [`member:${ana.id}`],
        );
        ok(
          await h.api.post(`/api/v1/public/unsubscribe`, { token: tokenIn(rows[0].body_text, UNSUBSCRIBE) }),
          204,
        );
        ok(await h.api.as(setting().adminToken).request('DELETE', `${base()}/members/${bo.id}`), 204);
        expect(await stillToSend(ana.id)).toBe(0);
        expect(await queuedFor(bo.id)).toBe(0); // nothing about Bo is left, sent or not
        expect(
          await count(`membership.mail_queue where recipient = $1`, [`queued-${bo.id}@example.org`]),
        ).toBe(0);
        // Staff choosing none for Cy, and Di withdrawing consent to contact, drop theirs too.
        const admin = h.api.as(setting().adminToken);
        ok(await admin.patch<Json>(`${base()}/members/${cy.id}`, { reminders: 'none' }), 200);
        ok(await admin.patch<Json>(`${base()}/members/${di.id}`, { consents: { contact: false } }), 200);
        // An import giving Ed a new address, and Fay preferring no contact, drop theirs too.
        ok(
          await admin.request(
            'POST',
            `${base()}/members/import`,
            `Id,Name,Email\n${ed.id},${ed.displayName},moved-${ed.id}@example.org\n`,
            { 'content-type': 'text/csv' },
          ),
          201,
        );
        ok(await admin.patch<Json>(`${base()}/members/${fay.id}`, { preferredContact: 'none' }), 200);
        for (const m of [cy, di, ed, fay]) expect(await stillToSend(m.id)).toBe(0);
        expect(await count(`membership.unsubscribe_tokens where member_id = $1`, [bo.id])).toBe(0);
      } finally {
        await smtp.start();
      }
      expect(smtp.to(`queued-${ana.id}`)).toHaveLength(0);
    });

    it('withdraws reminders still waiting when a place is cancelled, the session moves or is cancelled', async () => {
      const { h, smtp, oneOff, owner } = setting();
      const admin = h.api.as(setting().adminToken);
      const people: { id: string }[] = [];
      for (let i = 0; i < 2; i++) people.push(await member({}));
      const [gus, hal] = people;
      for (const m of people)
        ok(
          await admin.patch<Json>(`${base()}/members/${m.id}`, {
            email: `withdrawn-${m.id}@example.org`,
            reminders: 'email',
            consents: CONSENT,
          }),
          200,
        );
      await smtp.stop(); // the reminders wait in the queue
      try {
        const session = await oneOff(23 * 60);
        for (const m of people) await rsvp(session.id, m.id);
        await sweep();
        await handled(session.id);
        expect([await stillToSend(gus.id), await stillToSend(hal.id)]).toEqual([1, 1]);
        // Gus cancels his place: his reminder goes, Hal's stays.
        ok(
          await h.api
            .as(setting().coordinator)
            .request('DELETE', `${base()}/sessions/${session.id}/rsvps/${gus.id}`),
          204,
        );
        await eventually(async () => {
          if ((await stillToSend(gus.id)) !== 0) throw new Error('not withdrawn yet');
        });
        expect(await stillToSend(hal.id)).toBe(1);
        // The session moves (a new start lists it again): one reminder, of the new time, not two.
        await owner.query(
          `update events.sessions set starts_at = starts_at + interval '1 hour', ends_at = ends_at + interval '1 hour'
            where id = $1`,
          [session.id],
        );
        await sweep();
        await eventually(async () => {
          const announced = await count(
            `events.outbox o join membership.inbox i on i.event_id = o.id
              where o.subject = 'evt.events.reminder.due' and o.payload->>'sessionId' = $1`,
            [session.id],
          );
          if (announced < 2) throw new Error('second reminder.due not handled yet');
        });
        expect(await stillToSend(hal.id)).toBe(1);
        // The session is cancelled: Hal's goes too.
        ok(await h.api.as(setting().coordinator).post(`${base()}/sessions/${session.id}/cancel`, {}), 200);
        await eventually(async () => {
          if ((await stillToSend(hal.id)) !== 0) throw new Error('not withdrawn yet');
        });
      } finally {
        await smtp.start();
      }
    });

    it('handles a session’s events right in any order of arrival, by when each happened', async () => {
      const { h, smtp, tenantId } = setting();
      const consumer = remindersConsumer(
        h.membership.get(MembershipDatabase),
        h.membership.get(ReminderMailer),
      );
      const ivy = await member({ email: `ivy-${n}@example.org`, reminders: 'email', consents: CONSENT });
      const sessionId = uuidv7();
      const startsAt = new Date(Date.now() + 20 * 3600_000);
      const t0 = Date.now() - 60_000;
      const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
      /** One event, tried again while it asks to be (as the transport would redeliver it): handled once. */
      const deliver = async (subject: string, data: Json, occurredAt: string) => {
        const event = { id: uuidv7(), subject, tenantId, occurredAt, data };
        let outcome = await consumer.process(event, 1);
        for (let attempt = 2; attempt <= 5 && (outcome === 'retry' || outcome === 'unavailable'); attempt++)
          outcome = await consumer.process(event, attempt);
        expect(outcome).toBe('handled');
      };
      const due = (seconds: number) =>
        deliver(
          'evt.events.reminder.due',
          {
            tenantId,
            sessionId,
            title: 'Out of order',
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
            timezone: 'Europe/London',
            place: null,
            memberIds: [ivy.id],
          },
          at(seconds),
        );
      const reminders = () =>
        count(
          `membership.reminder_sessions r join membership.mail_queue q on q.id = r.mail_id
            where r.session_id = $1 and r.member_id = $2 and q.state in ('queued', 'sending')
              and q.discard_after > now()`,
          [sessionId, ivy.id],
        );
      await smtp.stop(); // what is queued stays queued
      try {
        // Ivy's place cancelled (second 2) arrives before the announcement made before it (second 1): none queued.
        await deliver(
          'evt.events.rsvp.cancelled',
          { tenantId, sessionId, memberId: ivy.id, status: 'cancelled' },
          at(2),
        );
        await due(1);
        expect(await reminders()).toBe(0);
        // Announced again after she booked again (second 3): queued; an older announcement arriving late changes nothing.
        await due(3);
        await due(2.5);
        expect(await reminders()).toBe(1);
        // The session cancelled (second 4), then an announcement from before it arriving: nothing waits any more.
        await deliver(
          'evt.events.session.cancelled',
          {
            tenantId,
            sessionId,
            activityId: uuidv7(),
            category: 'social',
            sessionDate: startsAt.toISOString().slice(0, 10),
            startsAt: startsAt.toISOString(),
            reason: null,
          },
          at(4),
        );
        await due(3.5);
        expect(await reminders()).toBe(0);
        // Erased: the mark of her cancelled place goes with her id.
        ok(await h.api.as(setting().adminToken).request('DELETE', `${base()}/members/${ivy.id}`), 204);
        expect(await count(`membership.reminder_marks where member_id = $1`, [ivy.id])).toBe(0);
      } finally {
        await smtp.start();
      }
    });

    it('refuses a malformed or unknown unsubscribe token or reminder choice, naming the field', async () => {
      const { h, adminToken } = setting();
      for (const body of [{}, { token: 'short' }, { token: 7 }]) {
        const res = await h.api.post<{ errors?: { field: string }[] }>(`/api/v1/public/unsubscribe`, body);
        expect(res.status).toBe(400);
        expect(res.body.errors?.map((e) => e.field)).toContain('token');
      }
      // A well-formed token Hearth does not hold (never issued, or pruned) changed nothing, and says so.
      const unknown = await h.api.post<{ reason?: string; errors?: { field: string }[] }>(
        `/api/v1/public/unsubscribe`,
        { token: 'A'.repeat(43) },
      );
      expect([unknown.status, unknown.body.reason, unknown.body.errors?.map((e) => e.field)]).toEqual([
        400,
        'UnsubscribeLinkUnknown',
        ['token'],
      ]);
      const someone = await member({});
      for (const reminders of ['sms', null, 1]) {
        const res = await h.api
          .as(adminToken)
          .patch<{ errors?: { field: string }[] }>(`${base()}/members/${someone.id}`, { reminders });
        expect(res.status).toBe(400);
        expect(res.body.errors?.map((e) => e.field)).toContain('reminders');
      }
    });
  });
}
