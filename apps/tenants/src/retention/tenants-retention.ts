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

/** The tenants service's lines of the retention schedule (docs/retention.md). */
export function tenantsRetentionRules(retention: RetentionOptions): RetentionRule[] {
  return [
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
  ) {}

  onModuleInit(): void {
    this.job.addRules(tenantsRetentionRules({ ...DEFAULT_RETENTION, ...this.messaging.retention }));
  }
}
