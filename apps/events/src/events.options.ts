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
  /** How long an `Idempotency-Key` of a walk-in change is remembered (default 24 h; ADR 0020). */
  idempotencyKeyTtlMs?: number;
  /** Injectable clock for tests of time windows. */
  now?: () => Date;
}

export const MIN_PARTICIPANT_KEY_SECRET_LENGTH = 32;
