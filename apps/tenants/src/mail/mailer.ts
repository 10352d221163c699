import { Inject, Injectable, Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { TENANTS_OPTIONS, type TenantsOptions } from '../tenants.options';
import { timeInWords } from '../time-in-words.util';

/**
 * Emails what the access lifecycle sends when SMTP_URL is set: invitation links, password reset links,
 * break-glass notices and notices of changes to how someone signs in. Without SMTP nothing is sent and the callers show the link to the person who asked.
 */
@Injectable()
export class Mailer {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport?: Transporter;

  constructor(@Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions) {
    if (options.smtpUrl) this.transport = createTransport(options.smtpUrl);
  }

  /** Whether this deployment sends email at all. */
  get configured(): boolean {
    return !!this.transport;
  }

  private link(path: string, token: string) {
    const base = (this.options.publicUrl ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
    return `${base}${path}?token=${encodeURIComponent(token)}`;
  }

  /** An invitation; a break-glass appointment's can be accepted only `from` its date. */
  sendInvitation(email: string, token: string, what: string, from?: Date): Promise<boolean> {
    const accept = this.link('/invitations/accept', token);
    return this.send(
      email,
      `You're invited to ${what} on Hearth`,
      from
        ? `You have been appointed an admin of ${what} on Hearth. The appointment takes effect on ${timeInWords(from)}; from then on you can accept it here: ${accept}\n\nThe link works once.`
        : `You have been invited to ${what} on Hearth.\n\nAccept here: ${accept}\n\nThe link works once and expires in 7 days.`,
      'an invitation',
    );
  }

  sendPasswordReset(email: string, token: string, expiresAt: Date): Promise<boolean> {
    return this.send(
      email,
      'Set a new password for Hearth',
      `An admin of your LERO has reset your Hearth password, and you have been signed out everywhere.\n\nChoose a new password here: ${this.link('/password-reset', token)}\n\nThe link works once, until ${timeInWords(expiresAt)}. If you did not expect this, tell your LERO.`,
      'a password reset link',
    );
  }

  /** Told to a LERO's contact email before a region's admin appoints an admin it has no say in. */
  sendBreakGlassNotice(
    contactEmail: string,
    notice: { lero: string; appointee: string; by: string; reason: string; takesEffectAt: Date },
  ): Promise<boolean> {
    return this.send(
      contactEmail,
      `A new admin is being appointed for ${notice.lero} on Hearth`,
      `${notice.by}, an admin of your regional network, has appointed ${notice.appointee} as an admin of ${notice.lero} on Hearth, because ${notice.lero} has no admin who can sign in.\n\nTheir reason: ${notice.reason}\n\nThe appointment takes effect on ${timeInWords(notice.takesEffectAt)}. If it is wrong, contact your regional network before then: they can cancel it.`,
      'a break-glass notice',
    );
  }

  /** A change to how someone signs in (two-factor on or off, a recovery code used), told to its owner. */
  sendSecurityNotice(email: string, subject: string, text: string): Promise<boolean> {
    return this.send(email, subject, text, 'a security notice');
  }

  private async send(to: string, subject: string, text: string, what: string): Promise<boolean> {
    if (!this.transport) return false;
    try {
      await this.transport.sendMail({
        from: this.options.smtpFrom ?? 'Hearth <no-reply@hearth.invalid>',
        to,
        subject,
        text,
      });
      return true;
    } catch (err) {
      // What was to be sent stands (an invitation, a reset link): the person who asked can pass it on or ask again.
      this.logger.warn({ err }, `Could not email ${what}`);
      return false;
    }
  }
}
