import type { Client } from 'pg';
import { ShiftReminderSweepService } from '../../volunteering/src';
import { eventually, tokenIn, type ApiResponse, type TestSmtpServer } from '@hearth/testing';
import type { DistributedHearth } from './hearth.harness';

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
  });
}
