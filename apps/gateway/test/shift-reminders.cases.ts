import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { MembershipDatabase, ReminderMailer, remindersConsumer } from '../../membership/src';
import { ShiftReminderSweepService } from '../../volunteering/src';
import { eventually, tokenIn, type ApiResponse, type TestSmtpServer } from '@hearth/testing';
import type { DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;

/** What the volunteering suite that runs these gives them: its Hearth (membership emailing through `smtp`). */
export interface ShiftRemindersSetting {
  h: DistributedHearth;
  smtp: TestSmtpServer;
  owner: Client;
  tenantId: string;
  adminToken: string;
  /** Waits until volunteering knows the member as an active volunteer. */
  isVolunteer: (memberId: string) => Promise<void>;
}

const PUBLIC_URL = 'https://hearth.example.org';
const CONSENT = { contact: true, photos: false, shareStoriesAnonymously: false };
const ok = <T>(res: ApiResponse<T>, status: number): T => {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};
/** A wall-clock time in UTC `minutes` from now, to the minute (`YYYY-MM-DDTHH:mm`). */
const utcIn = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16);

/**
 * Shift reminders (ADR 0081) end to end: volunteering's sweep, `evt.volunteering.reminder.due` over JetStream,
 * membership's reminder handler (the same choice and unsubscribe as session reminders), what arrives by SMTP.
 */
export function shiftReminderCases(setting: () => ShiftRemindersSetting) {
  describe('shift reminders (ADR 0081)', () => {
    let n = 0;
    const lero = () => `/api/v1/tenants/${setting().tenantId}`;
    const admin = () => setting().h.api.as(setting().adminToken);
    const sweep = () => setting().h.volunteering.get(ShiftReminderSweepService).sweep();
    const count = async (sql: string, params: unknown[]) =>
      Number(
        (await setting().owner.query<{ n: string }>(`select count(*) as n from ${sql}`, params)).rows[0].n,
      );
    const volunteer = async (email: string, reminders: 'email' | 'none') => {
      const m = ok(
        await admin().post<{ id: string; reminders: string }>(`${lero()}/members`, {
          displayName: `Shift reminded ${++n}`,
          communityRoles: ['volunteer'],
          email,
          reminders,
          consents: CONSENT,
        }),
        201,
      );
      await setting().isVolunteer(m.id);
      return m.id;
    };
    const shift = async (inMinutes: number) => {
      const role = ok(
        await admin().post<{ id: string; title: string }>(`${lero()}/volunteering/roles`, {
          title: `Garden helper ${++n}`,
          visibility: 'members',
        }),
        201,
      );
      const s = ok(
        await admin().post<{ id: string }>(`${lero()}/volunteering/roles/${role.id}/shifts`, {
          startsAt: utcIn(inMinutes),
          durationMinutes: 90,
          timezone: 'UTC',
          capacity: 5,
          place: 'Community garden, Mill Lane',
        }),
        201,
      );
      return { id: s.id, title: role.title };
    };
    const signUp = async (shiftId: string, memberId: string) =>
      ok(
        await admin().post<{ status: string }>(`${lero()}/volunteering/shifts/${shiftId}/signups`, {
          memberId,
        }),
        200,
      ).status;
    const announced = (shiftId: string) =>
      count(
        `volunteering.outbox where subject = 'evt.volunteering.reminder.due' and payload->>'shiftId' = $1`,
        [shiftId],
      );

    it('emails a volunteer who chose email of their confirmed shift, once; nobody who chose none, withdrew or whose shift was cancelled', async () => {
      const { smtp } = setting();
      const stamp = Date.now();
      const chose = `shift-email-${stamp}@example.org`;
      const choseNone = `shift-none-${stamp}@example.org`;
      const withdrew = `shift-withdrew-${stamp}@example.org`;
      const [keen, quiet, gone] = [
        await volunteer(chose, 'email'),
        await volunteer(choseNone, 'none'),
        await volunteer(withdrew, 'email'),
      ];
      const s = await shift(2 * 60);
      for (const id of [keen, quiet, gone]) expect(await signUp(s.id, id)).toBe('confirmed');
      ok(await admin().request('DELETE', `${lero()}/volunteering/shifts/${s.id}/signups/${gone}`), 200);
      const called = await shift(3 * 60);
      expect(await signUp(called.id, keen)).toBe('confirmed');
      ok(await admin().post(`${lero()}/volunteering/shifts/${called.id}/cancel`, {}), 200);
      const later = await shift(3 * 24 * 60);
      expect(await signUp(later.id, keen)).toBe('confirmed');

      // Two replicas sweeping at once, then a third sweep: the shift is announced once.
      await Promise.all([sweep(), sweep()]);
      await sweep();
      const [mail] = await eventually(() => {
        const got = smtp.to(chose);
        if (got.length === 0) throw new Error('no shift reminder yet');
        return got;
      });
      expect(mail.subject).toBe('A reminder from Hearth');
      expect(mail.text).toContain(`What: ${s.title}`);
      expect(mail.text).toContain('Where: Community garden, Mill Lane');
      expect(mail.text).toMatch(/When: \w+day,? \d+ \w+ \d{4} at \d\d:\d\d to \d\d:\d\d/);
      const token = tokenIn(mail.text, `${PUBLIC_URL}/unsubscribe`);
      expect(mail.headerLines['list-unsubscribe']?.replace(/\s+/g, ' ')).toBe(
        `List-Unsubscribe: <${PUBLIC_URL}/unsubscribe?token=${token}>`,
      );

      expect([await announced(s.id), await announced(called.id), await announced(later.id)]).toEqual([
        1, 0, 0,
      ]);
      await eventually(async () => {
        const handled = await count(
          `volunteering.outbox o join membership.inbox i on i.event_id = o.id
            where o.subject = 'evt.volunteering.reminder.due' and o.payload->>'shiftId' = $1`,
          [s.id],
        );
        if (handled < 1) throw new Error('reminder.due not handled yet');
      });
      // Queued in the same transaction as the inbox row: one for the volunteer who chose email, none for the others.
      const queued = (memberId: string) =>
        count(`membership.mail_queue where about_ref = $1 and kind = 'shift-reminder'`, [
          `member:${memberId}`,
        ]);
      expect([await queued(keen), await queued(quiet), await queued(gone)]).toEqual([1, 0, 0]);
      expect([smtp.to(chose).length, smtp.to(choseNone).length, smtp.to(withdrew).length]).toEqual([1, 0, 0]);
      // The later shift stays listed for its own day.
      expect(
        await count(`volunteering.pending_reminders where starts_at > now() + interval '2 days'`, []),
      ).toBeGreaterThan(0);
    });

    /**
     * A member's shift reminders that may still be sent: not yet past their shift's start (a withdrawal deletes a
     * queued one and makes one caught mid-try due to be discarded now), whatever the sender made of them.
     */
    const stillToSend = (memberId: string) =>
      count(
        `membership.mail_queue where about_ref = $1 and kind = 'shift-reminder' and discard_after > now()`,
        [`member:${memberId}`],
      );
    const handled = (shiftId: string) =>
      eventually(async () => {
        const n = await count(
          `volunteering.outbox o join membership.inbox i on i.event_id = o.id
            where o.subject = 'evt.volunteering.reminder.due' and o.payload->>'shiftId' = $1`,
          [shiftId],
        );
        if (n < 1) throw new Error('reminder.due not handled yet');
      });
    const withdrawn = (memberId: string) =>
      eventually(async () => {
        if ((await stillToSend(memberId)) !== 0) throw new Error('not withdrawn yet');
      });

    it('withdraws a shift reminder still waiting when the sign-up or the shift is cancelled: it is never sent', async () => {
      const { smtp } = setting();
      const stamp = Date.now();
      const [stays, cancels, called] = ['stays', 'cancels', 'called'].map(
        (w) => `shift-${w}-${stamp}@example.org`,
      );
      const [ada, ben, cal] = [
        await volunteer(stays, 'email'),
        await volunteer(cancels, 'email'),
        await volunteer(called, 'email'),
      ];
      await smtp.stop(); // the SMTP server is down: the reminders wait in the queue
      try {
        const s = await shift(4 * 60);
        for (const id of [ada, ben]) expect(await signUp(s.id, id)).toBe('confirmed');
        const off = await shift(5 * 60);
        expect(await signUp(off.id, cal)).toBe('confirmed');
        await sweep();
        await handled(s.id);
        await handled(off.id);
        expect([await stillToSend(ada), await stillToSend(ben), await stillToSend(cal)]).toEqual([1, 1, 1]);
        // Ben cancels his sign-up: his reminder goes, Ada's stays.
        ok(await admin().request('DELETE', `${lero()}/volunteering/shifts/${s.id}/signups/${ben}`), 200);
        await withdrawn(ben);
        // The other shift is cancelled: Cal's goes.
        ok(await admin().post(`${lero()}/volunteering/shifts/${off.id}/cancel`, {}), 200);
        await withdrawn(cal);
        expect(await stillToSend(ada)).toBe(1);
      } finally {
        await smtp.start();
      }
      // SMTP is back: Ada's arrives; Ben's and Cal's are gone or past due to be discarded, so never will.
      await eventually(() => {
        if (smtp.to(stays).length === 0) throw new Error('no shift reminder yet');
      });
      expect([await stillToSend(ben), await stillToSend(cal)]).toEqual([0, 0]);
      expect([smtp.to(stays).length, smtp.to(cancels).length, smtp.to(called).length]).toEqual([1, 0, 0]);
    });

    it('handles a shift’s events right in any order of arrival, by when each happened, and each once', async () => {
      const { h, smtp, tenantId } = setting();
      const consumer = remindersConsumer(
        h.membership.get(MembershipDatabase),
        h.membership.get(ReminderMailer),
      );
      const ivy = await volunteer(`shift-ivy-${Date.now()}@example.org`, 'email');
      const [shiftId, roleId] = [uuidv7(), uuidv7()];
      const first = new Date(Date.now() + 20 * 3600_000);
      const second = new Date(first.getTime() + 3600_000);
      const t0 = Date.now() - 60_000;
      const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
      const event = (subject: string, data: Json, seconds: number) => ({
        id: uuidv7(),
        subject,
        tenantId,
        occurredAt: at(seconds),
        data,
      });
      /** One event, tried again while it asks to be (as the transport would redeliver it). */
      const deliver = async (e: ReturnType<typeof event>) => {
        let outcome = await consumer.process(e, 1);
        for (let attempt = 2; attempt <= 5 && (outcome === 'retry' || outcome === 'unavailable'); attempt++)
          outcome = await consumer.process(e, attempt);
        expect(outcome).toBe('handled');
      };
      const due = (startsAt: Date, seconds: number) =>
        event(
          'evt.volunteering.reminder.due',
          {
            tenantId,
            shiftId,
            title: 'Out of order',
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
            timezone: 'UTC',
            place: null,
            memberIds: [ivy],
          },
          seconds,
        );
      /** Ivy's reminders of the occurrence still to be sent (each is discarded unsent at its occurrence's start). */
      const reminders = (startsAt: Date) =>
        count(
          `membership.mail_queue where about_ref = $1 and kind = 'shift-reminder' and discard_after = $2`,
          [`member:${ivy}`, startsAt],
        );
      await smtp.stop(); // what is queued stays queued
      try {
        // Ivy's sign-up cancelled (second 2) arrives before the announcement made before it (second 1): none queued.
        await deliver(
          event(
            'evt.volunteering.signup.cancelled',
            {
              tenantId,
              shiftId,
              roleId,
              startsAt: first.toISOString(),
              date: first.toISOString().slice(0, 10),
              memberId: ivy,
              status: 'cancelled',
            },
            2,
          ),
        );
        await deliver(due(first, 1));
        expect(await reminders(first)).toBe(0);
        // Announced after she signed up again (second 3): queued, once however often it is delivered; an older
        // announcement arriving late changes nothing. Another occurrence of the shift is reminded of its own.
        const again = due(first, 3);
        await deliver(again);
        expect(await consumer.process(again, 1)).toBe('duplicate'); // redelivered: the inbox has it
        await deliver(due(first, 2.5));
        await deliver(due(second, 3));
        expect([await reminders(first), await reminders(second)]).toEqual([1, 1]);
        // The shift cancelled (second 4): every occurrence's goes, and an announcement from before it arriving
        // later queues nothing.
        await deliver(
          event(
            'evt.volunteering.shift.cancelled',
            {
              tenantId,
              shiftId,
              roleId,
              startsAt: first.toISOString().slice(0, 16),
              durationMinutes: 60,
              timezone: 'UTC',
              rrule: null,
              capacity: 5,
              sessionId: null,
              status: 'cancelled',
            },
            4,
          ),
        );
        await deliver(due(first, 3.5));
        expect([await reminders(first), await reminders(second)]).toEqual([0, 0]);
        // Erased: the mark of her cancelled sign-up goes with her id.
        expect(await count(`membership.shift_reminder_marks where member_id = $1`, [ivy])).toBe(1);
        ok(await admin().request('DELETE', `${lero()}/members/${ivy}`), 204);
        expect(await count(`membership.shift_reminder_marks where member_id = $1`, [ivy])).toBe(0);
      } finally {
        await smtp.start();
      }
    });

    it('announces nothing of a shift whose cancel is committing: the sweep waits for the shift, then sees it cancelled', async () => {
      const keen = await volunteer(`shift-race-${Date.now()}@example.org`, 'email');
      const s = await shift(6 * 60);
      expect(await signUp(s.id, keen)).toBe('confirmed');
      // A cancel of the shift under way, as the service makes one: the shift's row locked, then changed.
      const cancel = new Client({ connectionString: setting().h.db.ownerUrl });
      await cancel.connect();
      let swept: Promise<number> | undefined;
      try {
        await cancel.query('begin');
        await cancel.query(`select id from volunteering.shifts where id = $1 for update`, [s.id]);
        let done = false;
        swept = sweep().finally(() => (done = true));
        // Until the sweep is done, or waits for the shift's lock.
        await eventually(async () => {
          const waiting = await count(
            `pg_stat_activity where wait_event_type = 'Lock' and query like '%volunteering.shifts s%for share%'`,
            [],
          );
          if (!done && waiting === 0) throw new Error('the sweep is neither done nor waiting');
        });
        await cancel.query(
          `update volunteering.shifts set status = 'cancelled', cancelled_at = now(), updated_at = now() where id = $1`,
          [s.id],
        );
        await cancel.query('commit');
        await swept;
      } finally {
        await cancel.end();
      }
      expect(await announced(s.id)).toBe(0);
    });
  });
}
