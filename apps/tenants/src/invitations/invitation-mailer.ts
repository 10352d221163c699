import { Inject, Injectable, Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { TENANTS_OPTIONS, type TenantsOptions } from '../tenants.options';

/** Emails an invitation link when SMTP_URL is set; the inviter always gets the token to pass on by hand. */
@Injectable()
export class InvitationMailer {
  private readonly logger = new Logger(InvitationMailer.name);
  private readonly transport?: Transporter;

  constructor(@Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions) {
    if (options.smtpUrl) this.transport = createTransport(options.smtpUrl);
  }

  async send(email: string, token: string, what: string): Promise<void> {
    if (!this.transport) return;
    const base = this.options.publicUrl ?? 'http://127.0.0.1:3000';
    try {
      await this.transport.sendMail({
        from: this.options.smtpFrom ?? 'Hearth <no-reply@hearth.invalid>',
        to: email,
        subject: `You're invited to ${what} on Hearth`,
        text: `You have been invited to ${what} on Hearth.\n\nAccept here: ${base}/invitations/accept?token=${encodeURIComponent(token)}\n\nThe link works once and expires in 7 days.`,
      });
    } catch (err) {
      // The invitation stands: the inviter holds the link and can pass it on by hand.
      this.logger.warn({ err }, 'Could not email an invitation');
    }
  }
}
