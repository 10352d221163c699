import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { Duration, PublicUrl, ServiceEnv } from '@hearth/platform';
import { MAIL_QUEUE_DEFAULTS } from './mail-queue.options';
import type { MailSenderConfig } from './mail-sender';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/** The variables of a service that emails (tenants, membership): its SMTP server and its mail queue (ADR 0077). */
export class MailServiceEnv extends ServiceEnv {
  @IsOptional()
  @IsString()
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  SMTP_FROM?: string;

  /** The mail queue (ADR 0077): how often it is looked at, how failed sends are retried, how long envelopes stay. */
  @Duration({ min: 100, max: MINUTE })
  MAIL_POLL_INTERVAL: number = MAIL_QUEUE_DEFAULTS.pollMs;

  @Duration({ min: 100, max: DAY })
  MAIL_RETRY_FIRST: number = MAIL_QUEUE_DEFAULTS.retryFirstMs;

  @Duration({ min: 100, max: 7 * DAY })
  MAIL_RETRY_MAX: number = MAIL_QUEUE_DEFAULTS.retryMaxMs;

  @IsInt()
  @Min(1)
  @Max(100)
  MAIL_MAX_ATTEMPTS: number = MAIL_QUEUE_DEFAULTS.maxAttempts;

  @Duration({ min: 4 * SECOND, max: DAY })
  MAIL_LEASE: number = MAIL_QUEUE_DEFAULTS.leaseMs;

  @Duration({ min: 0, max: 3650 * DAY })
  RETENTION_EMAILS: number = MAIL_QUEUE_DEFAULTS.keepMs;

  /** The web app's address people open: emailed links are built on it (required with SMTP_URL). */
  @PublicUrl({ checkPlainHttp: false })
  PUBLIC_URL?: string;
}

/** A sender's settings from those variables. */
export const mailSenderConfigOf = (
  env: MailServiceEnv,
): Required<Pick<MailSenderConfig, 'queue'>> & MailSenderConfig => ({
  smtpUrl: env.SMTP_URL,
  smtpFrom: env.SMTP_FROM,
  queue: {
    pollMs: env.MAIL_POLL_INTERVAL,
    retryFirstMs: env.MAIL_RETRY_FIRST,
    retryMaxMs: env.MAIL_RETRY_MAX,
    maxAttempts: env.MAIL_MAX_ATTEMPTS,
    leaseMs: env.MAIL_LEASE,
    keepMs: env.RETENTION_EMAILS,
  },
});
