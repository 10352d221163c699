import type { Client } from 'pg';
import { ReminderSweepService } from '../../events/src';
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
      const session = await oneOff(20 * 60, {
        capacity: 4,
        location: { name: 'The Old Library', address: '1 High Street', postcode: 'LS1 1AA' },
      });
      for (const id of [kim.id, none.id, noConsent.id, erased.id])
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
      for (const other of [none, noConsent, waitlisted, erased]) expect(await queuedFor(other.id)).toBe(0);
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
      const [ana, bo, cy, di] = [await member({}), await member({}), await member({}), await member({})];
      for (const m of [ana, bo, cy, di])
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
        for (const m of [ana, bo, cy, di]) await rsvp(session.id, m.id);
        await sweep();
        await handled(session.id);
        for (const m of [ana, bo, cy, di]) expect(await queuedFor(m.id)).toBe(1);
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
        expect(await stillToSend(bo.id)).toBe(0);
        // Staff choosing none for Cy, and Di withdrawing consent to contact, drop theirs too.
        const admin = h.api.as(setting().adminToken);
        ok(await admin.patch<Json>(`${base()}/members/${cy.id}`, { reminders: 'none' }), 200);
        ok(await admin.patch<Json>(`${base()}/members/${di.id}`, { consents: { contact: false } }), 200);
        expect([await stillToSend(cy.id), await stillToSend(di.id)]).toEqual([0, 0]);
        expect(await count(`membership.unsubscribe_tokens where member_id = $1`, [bo.id])).toBe(0);
      } finally {
        await smtp.start();
      }
      expect(smtp.to(`queued-${ana.id}`)).toHaveLength(0);
    });

    it('refuses a malformed unsubscribe token or reminder choice, naming the field', async () => {
      const { h, adminToken } = setting();
      for (const body of [{}, { token: 'short' }, { token: 7 }]) {
        const res = await h.api.post<{ errors?: { field: string }[] }>(`/api/v1/public/unsubscribe`, body);
        expect(res.status).toBe(400);
        expect(res.body.errors?.map((e) => e.field)).toContain('token');
      }
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
