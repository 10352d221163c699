import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  DEFAULT_RETENTION,
  MESSAGING_OPTIONS,
  PruningJob,
  deleteOlderThan,
  pruningJobToken,
  type MessagingOptions,
  type RetentionOptions,
  type RetentionRule,
} from '@hearth/messaging';
import { TENANTS_SCHEMA } from '../tenants-database';
import { TENANTS_OPTIONS, type TenantsOptions } from '../tenants.options';
import { MAIL_QUEUE_DEFAULTS } from '@hearth/mail';

/** A digest's unsubscribe link works this long, and its record is kept as long. */
export const DIGEST_RUNS_KEEP_MS = 365 * 24 * 3600 * 1000;

/** The tenants service's lines of the retention schedule (docs/retention.md). */
export function tenantsRetentionRules(retention: RetentionOptions, mailKeepMs: number): RetentionRule[] {
  return [
    {
      // The envelope of an email sent or given up (its body went when it left the queue).
      name: 'emails',
      keepMs: mailKeepMs,
      prune: (db, cutoff) => deleteOlderThan(db, 'tenants.mail_queue', 'finished_at < $1', cutoff),
    },
    {
      // Which weeks' digests went to whom (ADR 0083), with the hash of each one's unsubscribe link: a year.
      name: 'digest records',
      keepMs: DIGEST_RUNS_KEEP_MS,
      prune: (db, cutoff) => deleteOlderThan(db, 'tenants.digest_runs', 'created_at < $1', cutoff),
    },
    {
      // Hashes of a sign-in that is over: nothing can be done with them any more.
      name: 'refresh tokens',
      keepMs: retention.refreshTokensMs,
      prune: (db, cutoff) =>
        deleteOlderThan(db, 'tenants.refresh_tokens', '(session_expires_at < $1 or revoked_at < $1)', cutoff),
    },
    {
      name: 'password reset links',
      keepMs: retention.passwordResetsMs,
      prune: (db, cutoff) =>
        deleteOlderThan(db, 'tenants.password_resets', 'coalesce(used_at, expires_at) < $1', cutoff),
    },
    {
      // An invitation holds an email address; one still pending and valid is never touched.
      name: 'invitations',
      keepMs: retention.invitationsMs,
      prune: (db, cutoff) =>
        deleteOlderThan(
          db,
          'tenants.invitations',
          'coalesce(accepted_at, cancelled_at, expires_at) < $1',
          cutoff,
        ),
    },
    {
      name: 'audit entries',
      keepMs: retention.auditMs,
      prune: (db, cutoff) =>
        deleteOlderThan(db, 'tenants.audit_entries', 'at < $1', cutoff, { acrossTenants: true }),
    },
  ];
}

/** Adds the tenants service's lines to its pruning job. */
@Injectable()
export class TenantsRetention implements OnModuleInit {
  constructor(
    @Inject(pruningJobToken(TENANTS_SCHEMA.schema)) private readonly job: PruningJob,
    @Inject(MESSAGING_OPTIONS) private readonly messaging: MessagingOptions,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  onModuleInit(): void {
    this.job.addRules(
      tenantsRetentionRules(
        { ...DEFAULT_RETENTION, ...this.messaging.retention },
        this.options.mail?.keepMs ?? MAIL_QUEUE_DEFAULTS.keepMs,
      ),
    );
  }
}
