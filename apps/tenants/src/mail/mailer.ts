import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { MailMessage, renderMail, type MailContent } from '@hearth/mail';
import {
  breakGlassNoticeMail,
  forgotPasswordMail,
  invitationMail,
  passwordResetMail,
  securityNoticeMail,
  type BreakGlassNotice,
  type SecurityNotice,
} from './mail-templates.util';

/** What the tenants service emails (its table checks the same list). */
export type MailKind =
  'invitation' | 'password-reset' | 'forgot-password' | 'break-glass-notice' | 'security-notice' | 'digest';

const DAY_MS = 24 * 3600 * 1000;
/** A notice without a link of its own is still worth sending for this long. */
const NOTICE_TTL_MS = 7 * DAY_MS;

/**
 * Queues what the access lifecycle emails when SMTP_URL is set (ADR 0077): each `queue…` adds the message to
 * the caller's unit of work, so it is committed, or not, with the token or change that causes it; `MailSender`
 * sends it. Without SMTP nothing is queued, the calls answer false and the callers show the link to the person
 * who asked.
 */
@Injectable()
export class Mailer {
  constructor(@Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions) {}

  /** Whether this deployment sends email at all. */
  get configured(): boolean {
    return !!this.options.smtpUrl;
  }

  private link(path: string, token: string) {
    const base = (this.options.publicUrl ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
    return `${base}${path}?token=${encodeURIComponent(token)}`;
  }

  /** An invitation (until it expires); a break-glass appointment's can be accepted only `from` its date. */
  queueInvitation(
    em: EntityManager,
    invitation: { email: string; token: string; expiresAt: Date | string },
    place: string,
    from?: Date,
  ): boolean {
    const href = this.link('/invitations/accept', invitation.token);
    return this.queue(
      em,
      'invitation',
      invitation.email,
      invitationMail(href, place, from),
      new Date(invitation.expiresAt),
    );
  }

  /** A LERO's admin reset the password: the link, until it expires. */
  queuePasswordReset(em: EntityManager, email: string, token: string, expiresAt: Date): boolean {
    const href = this.link('/password-reset', token);
    return this.queue(em, 'password-reset', email, passwordResetMail(href, expiresAt), expiresAt);
  }

  /** Someone asked for a link themselves: until it expires. */
  queueForgotPassword(em: EntityManager, email: string, token: string, expiresAt: Date): boolean {
    const href = this.link('/password-reset', token);
    return this.queue(em, 'forgot-password', email, forgotPasswordMail(href, expiresAt), expiresAt);
  }

  /** Told to a LERO's contact email before a region's admin appoints an admin it has no say in. */
  queueBreakGlassNotice(em: EntityManager, contactEmail: string, notice: BreakGlassNotice): boolean {
    return this.queue(
      em,
      'break-glass-notice',
      contactEmail,
      breakGlassNoticeMail(notice),
      notice.takesEffectAt,
    );
  }

  /** A change to how someone signs in (two-factor on or off, a recovery code used), told to its owner. */
  queueSecurityNotice(em: EntityManager, email: string, notice: SecurityNotice): boolean {
    const discardAfter = new Date(clockOf(this.options).getTime() + NOTICE_TTL_MS);
    return this.queue(em, 'security-notice', email, securityNoticeMail(notice), discardAfter);
  }

  /** A weekly digest (ADR 0083) with its List-Unsubscribe headers: the queued message's id, null without SMTP. */
  queueDigest(
    em: EntityManager,
    email: string,
    content: MailContent,
    headers: Record<string, string>,
    discardAfter: Date,
  ): string | null {
    return this.add(em, 'digest', email, content, discardAfter, headers)?.id ?? null;
  }

  private queue(
    em: EntityManager,
    kind: MailKind,
    recipient: string,
    content: MailContent,
    discardAfter: Date,
  ): boolean {
    return this.add(em, kind, recipient, content, discardAfter) !== null;
  }

  private add(
    em: EntityManager,
    kind: MailKind,
    recipient: string,
    content: MailContent,
    discardAfter: Date,
    headers: Record<string, string> | null = null,
  ): MailMessage | null {
    if (!this.configured) return null;
    const mail = renderMail(content);
    const message = Object.assign(new MailMessage(), {
      kind,
      recipient,
      subject: mail.subject,
      bodyText: mail.text,
      bodyHtml: mail.html,
      headers,
      discardAfter,
    });
    em.persist(message);
    return message;
  }
}
