import type { EntityManager } from '@mikro-orm/postgresql';
import { AdvocacyEvents, type TypedDomainEvent } from '@hearth/contracts';
import { checkCalendarDay } from './projection-events.util';
import type { AggregatesRepository } from './aggregates.repository';

export const MEETINGS_ATTENDED = 'meetingsAttended';
export const ASKS_RAISED = 'asksRaised';
export const ASKS_RESOLVED = 'asksResolved';

/** An ask is resolved when the body did what was asked, in full or in part; `declined` is not (ADR 0069). */
const RESOLVED = new Set(['done', 'partly-done']);

/**
 * meetingsAttended, asksRaised and asksResolved from `evt.advocacy.meeting.*` and `evt.advocacy.ask.*` (ADR 0069),
 * correct in any arrival order and however often an event comes:
 * - a meeting is kept as its highest `version` says (its day, or none once removed); a newer version moves the
 *   count between days, an older or repeated one changes nothing;
 * - an ask counts as raised once, on its `raised` event's date, and as resolved once, on the earliest date of an
 *   update to done or partly done (a timeline's dates never go back, so the earliest is its first resolution).
 * A region's asks (no LERO) and consultations' events are no LERO's figures: skipped. Nothing here is a person.
 */
export async function projectAdvocacyEvent(
  em: EntityManager,
  event: TypedDomainEvent,
  aggregates: AggregatesRepository,
): Promise<void> {
  if (event.subject === AdvocacyEvents.meetingLogged || event.subject === AdvocacyEvents.meetingRemoved) {
    const { tenantId, meetingId, date, version } = event.data;
    checkCalendarDay(date);
    await aggregates.enterTenant(em, tenantId);
    await aggregates.lockRecord(em, tenantId, 'meeting', meetingId);
    const [before] = await em.execute<{ version: number; day: string | null }[]>(
      `select version, to_char(day, 'YYYY-MM-DD') as day from reporting.advocacy_meetings
        where tenant_id = ? and meeting_id = ? for update`,
      [tenantId, meetingId],
    );
    if (before && before.version >= version) return;
    const day = event.subject === AdvocacyEvents.meetingLogged ? date : null;
    await em.execute(
      `insert into reporting.advocacy_meetings (tenant_id, meeting_id, version, day) values (?, ?, ?, ?)
        on conflict (tenant_id, meeting_id) do update set version = excluded.version, day = excluded.day`,
      [tenantId, meetingId, version, day],
      'run',
    );
    if (before?.day === day) return;
    if (before?.day) await aggregates.add(em, tenantId, before.day, MEETINGS_ATTENDED, '', -1);
    if (day) await aggregates.add(em, tenantId, day, MEETINGS_ATTENDED, '', 1);
    return;
  }
  if (event.subject !== AdvocacyEvents.askRaised && event.subject !== AdvocacyEvents.askUpdated) return;
  const { tenantId, askId, status, date } = event.data;
  if (!tenantId) return;
  const raised = event.subject === AdvocacyEvents.askRaised;
  if (!raised && !RESOLVED.has(status)) return;
  checkCalendarDay(date);
  await aggregates.enterTenant(em, tenantId);
  await aggregates.lockRecord(em, tenantId, 'ask', askId);
  const [before] = await em.execute<{ raised_on: string | null; resolved_on: string | null }[]>(
    `select to_char(raised_on, 'YYYY-MM-DD') as raised_on, to_char(resolved_on, 'YYYY-MM-DD') as resolved_on
      from reporting.advocacy_asks where tenant_id = ? and ask_id = ? for update`,
    [tenantId, askId],
  );
  const was = { raised: before?.raised_on ?? null, resolved: before?.resolved_on ?? null };
  const is = {
    raised: raised ? (was.raised ?? date) : was.raised,
    resolved: raised ? was.resolved : was.resolved && was.resolved <= date ? was.resolved : date,
  };
  if (before && is.raised === was.raised && is.resolved === was.resolved) return;
  await em.execute(
    `insert into reporting.advocacy_asks (tenant_id, ask_id, raised_on, resolved_on) values (?, ?, ?, ?)
      on conflict (tenant_id, ask_id) do update set raised_on = excluded.raised_on,
        resolved_on = excluded.resolved_on`,
    [tenantId, askId, is.raised, is.resolved],
    'run',
  );
  if (is.raised !== was.raised && is.raised)
    await aggregates.add(em, tenantId, is.raised, ASKS_RAISED, '', 1);
  if (is.resolved !== was.resolved) {
    if (was.resolved) await aggregates.add(em, tenantId, was.resolved, ASKS_RESOLVED, '', -1);
    if (is.resolved) await aggregates.add(em, tenantId, is.resolved, ASKS_RESOLVED, '', 1);
  }
}
