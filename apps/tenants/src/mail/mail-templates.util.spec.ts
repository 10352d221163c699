import {
  breakGlassNoticeMail,
  forgotPasswordMail,
  invitationMail,
  passwordResetMail,
  securityNoticeMail,
} from './mail-templates.util';
import { MAIL_QUEUE_DEFAULTS, mailRetryDelayMs, renderMail } from '@hearth/mail';

const AT = new Date('2026-12-05T10:00:00Z');
const LERO = 'Calder Valley Recovery Hub';

describe('what the tenants service emails (ADR 0077)', () => {
  const every = [
    invitationMail('https://h.example/invitations/accept?token=t', LERO),
    invitationMail('https://h.example/invitations/accept?token=t', LERO, AT),
    passwordResetMail('https://h.example/password-reset?token=t', AT),
    forgotPasswordMail('https://h.example/password-reset?token=t', AT),
    breakGlassNoticeMail({
      lero: LERO,
      appointee: 'a@example.org',
      by: 'b@example.org',
      reason: 'r',
      takesEffectAt: AT,
    }),
    securityNoticeMail({ kind: 'two-factor-on' }),
    securityNoticeMail({ kind: 'authenticator-replaced' }),
    securityNoticeMail({ kind: 'two-factor-off' }),
    securityNoticeMail({ kind: 'recovery-code-used', recoveryCodesLeft: 3 }),
  ].map(renderMail);

  it('never names the organisation or says "recovery" in a subject or a first line', () => {
    for (const mail of every) {
      expect(mail.subject).not.toMatch(/recover|calder|hub|LERO/i);
      expect(mail.text.split('\n')[0]).not.toMatch(/recover|calder|hub|LERO/i);
    }
  });

  it('has a plain-text part and an HTML part with a language, a title and the same link', () => {
    for (const mail of every) {
      expect(mail.html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(mail.html).toContain(`<title>${mail.subject}</title>`);
      const link = /https:\/\/h\.example\/[a-z-/]+\?token=t/.exec(mail.text)?.[0];
      if (link) expect(mail.html).toContain(`<a href="${link}">`);
    }
    expect(every.filter((m) => m.text.includes('?token=t'))).toHaveLength(4);
  });

  it('escapes what people typed into the HTML part', () => {
    const mail = renderMail(
      breakGlassNoticeMail({
        lero: 'A & B <script>',
        appointee: 'a@example.org',
        by: 'b@example.org',
        reason: '"x"',
        takesEffectAt: AT,
      }),
    );
    expect(mail.html).toContain('A &amp; B &lt;script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toContain('A & B <script>');
  });

  it('retries after a delay that doubles from the first up to the longest', () => {
    const o = { ...MAIL_QUEUE_DEFAULTS, retryFirstMs: 1000, retryMaxMs: 5000 };
    expect([1, 2, 3, 4, 50].map((n) => mailRetryDelayMs(n, o))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
});
