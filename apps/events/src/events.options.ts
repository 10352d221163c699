export const EVENTS_OPTIONS = Symbol('EVENTS_OPTIONS');

export interface EventsOptions {
  databaseUrl: string;
  databasePoolMax?: number;
  /**
   * Secret from which each LERO's participant-key is derived (HMAC-SHA256). Keep it stable: a new secret
   * gives everyone new pseudonyms, so reporting would count them as new participants. At least 32 characters.
   */
  participantKeySecret: string;
  /** How often ended sessions are checked for the `session.held` event. */
  heldSweepIntervalMs?: number;
  /** How often sessions within the reminder lead are looked for (ADR 0081; default 5 minutes). */
  reminderSweepIntervalMs?: number;
  /** How long before its start a session's reminder is announced (default 24 h). */
  reminderLeadMs?: number;
  /** How long an `Idempotency-Key` of a walk-in change is remembered (default 24 h; ADR 0020). */
  idempotencyKeyTtlMs?: number;
  /** Injectable clock for tests of time windows. */
  now?: () => Date;
}

export const MIN_PARTICIPANT_KEY_SECRET_LENGTH = 32;

/** Session reminders (ADR 0081): a day ahead, looked for every five minutes. */
export const REMINDER_DEFAULTS = { leadMs: 24 * 3_600_000, sweepIntervalMs: 5 * 60_000 };
