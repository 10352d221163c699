export const MEMBERSHIP_OPTIONS = Symbol('MEMBERSHIP_OPTIONS');

export interface MembershipOptions {
  databaseUrl: string;
  databasePoolMax?: number;
  /**
   * How long a person's export waits for every service that holds a part (MEMBER_EXPORT_HOLDERS) before it
   * answers 503 naming those that did not answer. Default 5 s, within the 10 s the caller waits for it.
   */
  exportWaitMs?: number;
}
