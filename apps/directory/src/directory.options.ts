export const DIRECTORY_OPTIONS = Symbol('DIRECTORY_OPTIONS');

/** A listing not assured for a year needs review, unless the deployment says otherwise. */
export const DEFAULT_REVIEW_MONTHS = 12;

export interface DirectoryOptions {
  /** This service's own role (hearth_directory): rights on the directory schema only (ADR 0012). */
  databaseUrl: string;
  databasePoolMax?: number;
  /** Months after which an active listing not assured since needs review (default 12). */
  reviewMonths?: number;
  /** The curator team's address for HSDS `assurer_email` where a region has set none. */
  defaultContactEmail?: string;
  /** Imports may fetch feeds on this machine's loopback addresses: tests and development only (ADR 0041). */
  importAllowLoopback?: boolean;
  /** How long the feed remembers the region of a slug (ms; default 30 s, 0 never): ADR 0046. */
  regionCacheTtlMs?: number;
  /** How many of the feed's answers are kept while the region's data is unchanged (default 256, 0 none): ADR 0047. */
  feedCacheSize?: number;
}
