import { MailServiceEnv } from '@hearth/mail';

/** The membership service's variables, validated at boot: with SMTP_URL, session reminders are emailed (ADR 0081). */
export class MembershipEnv extends MailServiceEnv {
  override HEALTH_PORT = 3102;
}
