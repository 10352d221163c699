import 'reflect-metadata';
import { bootstrapService, serviceMessagingFromEnv } from '@hearth/messaging';
import { mailSenderConfigOf } from '@hearth/mail';
import { MembershipEnv } from './config/env.schema';
import { createMembershipApp } from './membership.app';

bootstrapService(MembershipEnv, (env) =>
  createMembershipApp(
    {
      databaseUrl: env.DATABASE_URL,
      databasePoolMax: env.DATABASE_POOL_MAX,
      smtpUrl: env.SMTP_URL,
      smtpFrom: env.SMTP_FROM,
      mail: mailSenderConfigOf(env).queue,
      publicUrl: env.PUBLIC_URL,
      auditGroupCommitMs: env.AUDIT_GROUP_COMMIT_MS,
    },
    serviceMessagingFromEnv(env, 'membership'),
    env.LOG_LEVEL,
  ),
);
