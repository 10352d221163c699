import type { PassportOptions } from './passports/passport-config';

export const VOLUNTEERING_OPTIONS = Symbol('VOLUNTEERING_OPTIONS');

export interface VolunteeringOptions {
  /** This service's own role (hearth_volunteering): rights on the volunteering schema only (ADR 0012). */
  databaseUrl: string;
  databasePoolMax?: number;
  /** The passport's key, issuer address, validity and trusted deployments (ADR 0056). */
  passports: PassportOptions;
  /** The clock of hours (when a shift has ended, what today is); tests move it. Default: the system's. */
  now?: () => Date;
}
