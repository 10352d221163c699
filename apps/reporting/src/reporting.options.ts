export const REPORTING_OPTIONS = Symbol('REPORTING_OPTIONS');

export interface ReportingOptions {
  databaseUrl: string;
  databasePoolMax?: number;
  /**
   * Secret under which a member id becomes the pseudonymous key of that member's membership spans (so
   * "active members in a period" counts people, not joins). At least 32 characters; keep it stable.
   */
  memberKeySecret: string;
  /** Days after a period closes before its figures are released and frozen (late registers). Default 7. */
  releaseGraceDays?: number;
  /** How often newly released periods are frozen. Default one hour. */
  releaseSweepIntervalMs?: number;
  /** The zone whose calendar days reporting counts in (member events carry instants). */
  timeZone?: string;
  /** Injectable clock for tests of release and freezing. */
  now?: () => Date;
}

export const MIN_MEMBER_KEY_SECRET_LENGTH = 32;
export const DEFAULT_RELEASE_GRACE_DAYS = 7;
export const DEFAULT_TIME_ZONE = 'Europe/London';

/**
 * Days an erased member's former key stays linked to the random key their rows moved to, so facts that arrive
 * late (retries, a relay that was down) still join them; then only the former key is kept (ADR 0018).
 */
export const ERASURE_LINK_DAYS = 30;
