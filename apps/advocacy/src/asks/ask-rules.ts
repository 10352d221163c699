import { ASK_STATUSES, type AskCounts, type AskStatus } from '@hearth/contracts';
import { invalidField } from '../consultations/consultations.exception';

/** How far along an ask is: a change goes forward, never back (ADR 0065). */
const STAGE: Record<AskStatus, number> = {
  raised: 0,
  acknowledged: 1,
  'in-progress': 2,
  done: 3,
  'partly-done': 3,
  declined: 3,
};

/**
 * Whether an ask at `from` may take an update to `to`: raised → acknowledged → in-progress → done | partly-done |
 * declined, skipping steps allowed (a body may decline at once); acknowledged and in-progress may take a further
 * update at the same status (news without a change); partly-done may still become done; done and declined are final.
 */
export function checkTransition(from: AskStatus, to: AskStatus): void {
  if (to === 'raised') throw invalidField('status', 'an ask is raised once, when it is made');
  if (from === 'done' || from === 'declined')
    throw invalidField('status', `the ask is ${from}: its outcome is final`);
  if (from === 'partly-done' && to !== 'done')
    throw invalidField('status', 'a partly done ask can only become done');
  if (STAGE[to] < STAGE[from]) throw invalidField('status', `an ask cannot go back from ${from} to ${to}`);
  if (to === from && STAGE[to] === 3) throw invalidField('status', `the ask is already ${from}`);
}

const DAY_MS = 86_400_000;

/** A date of the timeline is not after tomorrow (UTC): whoever writes it may be a day ahead of UTC, never more. */
export function checkNotFuture(field: string, date: string, now = new Date()): void {
  const latest = new Date(now.getTime() + DAY_MS).toISOString().slice(0, 10);
  if (date > latest) throw invalidField(field, 'must not be in the future');
}

/** An update is dated on or after the one before it, so that the latest update is the current status. */
export function checkAfter(field: string, date: string, previous: string, what: string): void {
  if (date < previous) throw invalidField(field, `must not be before ${what} (${previous})`);
}

/** Counts of asks by status, and all of them. */
export function countsOf(statuses: AskStatus[]): AskCounts {
  const counts = Object.fromEntries(ASK_STATUSES.map((s) => [s, 0])) as AskCounts;
  for (const s of statuses) counts[s] += 1;
  counts.total = statuses.length;
  return counts;
}
