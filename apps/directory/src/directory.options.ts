export const DIRECTORY_OPTIONS = Symbol('DIRECTORY_OPTIONS');

export interface DirectoryOptions {
  /** This service's own role (hearth_directory): rights on the directory schema only (ADR 0012). */
  databaseUrl: string;
  databasePoolMax?: number;
  /** Imports may fetch feeds on this machine's loopback addresses: tests and development only (ADR 0041). */
  importAllowLoopback?: boolean;
}
