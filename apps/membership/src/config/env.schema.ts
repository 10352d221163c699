import { MailServiceEnv } from '@hearth/mail';
import { Duration } from '@hearth/platform';

/** The membership service's variables, validated at boot: with SMTP_URL, session reminders are emailed (ADR 0081). */
export class MembershipEnv extends MailServiceEnv {
  override HEALTH_PORT = 3102;

  /** Group commit of member reads' audit rows (ADR 0090): the window in ms; 0 (default) is off. */
  @Duration({ max: 50 })
  AUDIT_GROUP_COMMIT_MS: number = 0;
}
