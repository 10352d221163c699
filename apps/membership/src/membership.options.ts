import type { MailQueueOptions } from '@hearth/mail';

export const MEMBERSHIP_OPTIONS = Symbol('MEMBERSHIP_OPTIONS');

export interface MembershipOptions {
  databaseUrl: string;
  databasePoolMax?: number;
  /** When set, session reminders are emailed to members who asked for them (ADR 0081), through the mail queue. */
  smtpUrl?: string;
  smtpFrom?: string;
  /** The mail queue's polling, retries and retention (defaults in MAIL_QUEUE_DEFAULTS). */
  mail?: Partial<MailQueueOptions>;
  /** The web app's address: a reminder's "stop these reminders" link is built on it. */
  publicUrl?: string;
  /**
   * Group commit of member reads' audit rows (ADR 0090): how long, in ms, a read's row waits for others to share
   * its commit. 0 (the default) writes each read's row in its own commit, in the read's round trip.
   */
  auditGroupCommitMs?: number;
  /** Injectable clock for tests. */
  now?: () => Date;
  /**
   * How long a person's export waits for every service that holds a part (MEMBER_EXPORT_HOLDERS) before it
   * answers 503 naming those that did not answer. Default 5 s, within the 10 s the caller waits for it.
   */
  exportWaitMs?: number;
  /**
   * Told after each erasure has committed (a person's request or the retention schedule): standalone appends the
   * ids to its erasure ledger, kept outside the data directory, to erase them again after a restore (ADR 0030).
   */
  onMemberErased?: (erased: { tenantId: string; memberId: string }) => void | Promise<void>;
}
