import type { PassportOptions } from './passports/passport-config';

export const VOLUNTEERING_OPTIONS = Symbol('VOLUNTEERING_OPTIONS');

export interface VolunteeringOptions {
  /** This service's own role (hearth_volunteering): rights on the volunteering schema only (ADR 0012). */
  databaseUrl: string;
  databasePoolMax?: number;
  /** The passport's key, issuer address, validity and trusted deployments (ADR 0056). */
  passports: PassportOptions;
  /** How often shift occurrences within the reminder lead are looked for (ADR 0081; default 5 minutes). */
  reminderSweepIntervalMs?: number;
  /** How long before its start an occurrence's reminder is announced (default 24 h). */
  reminderLeadMs?: number;
  /** The clock of hours (when a shift has ended, what today is); tests move it. Default: the system's. */
  now?: () => Date;
}

/** Shift reminders (ADR 0081): a day ahead, looked for every five minutes, as events' session reminders. */
export const REMINDER_DEFAULTS = { leadMs: 24 * 3_600_000, sweepIntervalMs: 5 * 60_000 };
