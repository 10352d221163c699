export const ADVOCACY_OPTIONS = Symbol('ADVOCACY_OPTIONS');

export interface AdvocacyOptions {
  /** This service's own role (hearth_advocacy): rights on the advocacy schema only (ADR 0012). */
  databaseUrl: string;
  databasePoolMax?: number;
}
