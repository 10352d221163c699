import { DateTime } from 'luxon';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** When digests go out and what they look at (ADR 0083); environment variables of the tenants service. */
export interface DigestOptions {
  /** ISO weekday (1 Monday … 7 Sunday), local time `HH:MM` and IANA zone of the weekly digest. */
  weekday: number;
  time: string;
  timezone: string;
  /** Tests and trials only: a digest every `intervalMs` instead of weekly (periods counted from the epoch). */
  intervalMs?: number;
  /** How often each replica looks for digests due. */
  pollMs: number;
  /** Sessions this far ahead are "coming up"; training and checks expiring this far ahead are told. */
  sessionsAheadMs: number;
  trainingDays: number;
}

export const DIGEST_DEFAULTS: DigestOptions = {
  weekday: 1,
  time: '07:00',
  timezone: 'Europe/London',
  pollMs: 5 * MINUTE_MS,
  sessionsAheadMs: 7 * DAY_MS,
  trainingDays: 30,
};

/** A digest period: its key (one digest per account and key), when it began, and until when it is still sent. */
export interface DigestPeriod {
  key: string;
  start: Date;
  sendUntil: Date;
}

/**
 * The period `now` falls in: from the latest scheduled moment at or before it. A weekly digest is sent only on
 * the day of its moment (an account appointed on a Wednesday waits for the next one); an interval's, all through.
 */
export function digestPeriod(now: Date, o: DigestOptions): DigestPeriod {
  if (o.intervalMs) {
    const start = Math.floor(now.getTime() / o.intervalMs) * o.intervalMs;
    return {
      key: new Date(start).toISOString(),
      start: new Date(start),
      sendUntil: new Date(start + o.intervalMs),
    };
  }
  const [hour, minute] = o.time.split(':').map(Number);
  const local = DateTime.fromJSDate(now, { zone: o.timezone });
  let moment = local.set({ weekday: o.weekday as 1, hour, minute, second: 0, millisecond: 0 });
  if (moment > local) moment = moment.minus({ weeks: 1 });
  const start = moment.toJSDate();
  return {
    key: moment.toISODate()!,
    start,
    sendUntil: new Date(Math.min(start.getTime() + DAY_MS, moment.plus({ weeks: 1 }).toMillis())),
  };
}
