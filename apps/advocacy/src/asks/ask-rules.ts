import { ASK_STATUSES, ASK_TRANSITIONS, type AskCounts, type AskStatus } from '@hearth/contracts';
import { invalidField } from '../consultations/consultations.exception';

/**
 * Whether an ask at `from` may take an update to `to`, by the shared table (`ASK_TRANSITIONS`, ADR 0065); refused,
 * the reason says which rule of the table it broke.
 */
export function checkTransition(from: AskStatus, to: AskStatus): void {
  if (ASK_TRANSITIONS[from].includes(to)) return;
  if (to === 'raised') throw invalidField('status', 'an ask is raised once, when it is made');
  if (from === 'done' || from === 'declined')
    throw invalidField('status', `the ask is ${from}: its outcome is final`);
  if (from === 'partly-done') throw invalidField('status', 'a partly done ask can only become done');
  throw invalidField('status', `an ask cannot go back from ${from} to ${to}`);
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
