import type { MailContent } from '@hearth/mail';
import { timeInWords } from '../time-in-words.util';

/**
 * What the tenants service emails (ADR 0077), rendered by `renderMail` (@hearth/mail). Subjects and first
 * lines are neutral: an inbox seen over someone's shoulder must not say that its owner is in recovery, so no
 * subject names a LERO or a region and no text says "recovery"; the organisation is named further down.
 */

/** An invitation; a break-glass appointment's (`from` set) can be accepted only from its date. */
export function invitationMail(href: string, place: string, from?: Date): MailContent {
  if (from)
    return {
      subject: 'Your appointment as an admin on Hearth',
      paragraphs: [
        'You have been appointed an admin of an organisation on Hearth.',
        `The organisation is ${place}. The appointment takes effect on ${timeInWords(from)}; from then on you can accept it with this link.`,
      ],
      link: { href, label: 'Accept the appointment' },
      after: ['The link works once.'],
    };
  return {
    subject: 'Your invitation to Hearth',
    paragraphs: ['You have been invited to join Hearth.', `The invitation is from ${place}.`],
    link: { href, label: 'Accept the invitation' },
    after: [
      'The link works once and expires in 7 days. If you did not expect this email, you can ignore it.',
    ],
  };
}

export function passwordResetMail(href: string, expiresAt: Date): MailContent {
  return {
    subject: 'Your Hearth password was reset',
    paragraphs: [
      'An admin of your organisation has reset your Hearth password, and you have been signed out everywhere.',
    ],
    link: { href, label: 'Choose a new password' },
    after: [
      `The link works once, until ${timeInWords(expiresAt)}. If you did not expect this, tell your organisation.`,
    ],
  };
}

export function forgotPasswordMail(href: string, expiresAt: Date): MailContent {
  return {
    subject: 'Reset your Hearth password',
    paragraphs: ['Someone asked to reset the password of the Hearth account for this email address.'],
    link: { href, label: 'Choose a new password' },
    after: [
      `The link works once, until ${timeInWords(expiresAt)}. If it was not you, you can ignore this email: your password has not changed.`,
    ],
  };
}

export interface BreakGlassNotice {
  lero: string;
  appointee: string;
  by: string;
  reason: string;
  takesEffectAt: Date;
}

/** Told to a LERO's contact email before a region's admin appoints an admin it has no say in. */
export function breakGlassNoticeMail(notice: BreakGlassNotice): MailContent {
  return {
    subject: 'A new admin is being appointed on Hearth',
    paragraphs: [
      'A new admin is being appointed for your organisation on Hearth.',
      `${notice.by}, an admin of your regional network, has appointed ${notice.appointee} as an admin of ${notice.lero}, because ${notice.lero} has no admin who can sign in.`,
      `Their reason: ${notice.reason}`,
      `The appointment takes effect on ${timeInWords(notice.takesEffectAt)}. If it is wrong, contact your regional network before then: they can cancel it.`,
    ],
  };
}

/** A change to how someone signs in, told to its owner. */
export type SecurityNotice =
  | { kind: 'two-factor-on' }
  | { kind: 'authenticator-replaced' }
  | { kind: 'two-factor-off' }
  | { kind: 'recovery-code-used'; recoveryCodesLeft: number };

const NOT_YOU = 'If this was not you, tell your organisation or regional network at once.';

export function securityNoticeMail(notice: SecurityNotice): MailContent {
  switch (notice.kind) {
    case 'two-factor-on':
      return {
        subject: 'Two-factor sign-in is on for your Hearth account',
        paragraphs: [
          'Two-factor sign-in was turned on for your Hearth account, and you were signed out everywhere else.',
          NOT_YOU,
        ],
      };
    case 'authenticator-replaced':
      return {
        subject: 'A new authenticator app for Hearth',
        paragraphs: [
          'A new authenticator app was set up for your Hearth account, and you were signed out everywhere else.',
          NOT_YOU,
        ],
      };
    case 'two-factor-off':
      return {
        subject: 'Two-factor sign-in is off for your Hearth account',
        paragraphs: [
          'Two-factor sign-in was turned off for your Hearth account, and you were signed out everywhere else.',
          NOT_YOU,
        ],
      };
    case 'recovery-code-used': {
      const left = notice.recoveryCodesLeft;
      return {
        subject: 'A new sign-in to your Hearth account',
        paragraphs: [
          'Someone signed in to your Hearth account without its authenticator app, and every other sign-in was ended.',
          `They used one of your recovery codes: ${left} ${left === 1 ? 'is' : 'are'} left.`,
          'If this was not you, change your password and get new recovery codes from your account page, and tell your organisation.',
        ],
      };
    }
  }
}
