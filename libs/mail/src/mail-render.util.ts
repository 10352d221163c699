/**
 * How every service's email looks (ADR 0077): a subject, paragraphs, an optional link and closing lines, rendered
 * to plain text (the link as "Label: URL") and to simple, accessible HTML (a doctype, `lang`, a title, a real
 * link with its purpose as text, inline styles, no images, everything escaped). Subjects and first lines are the
 * caller's to keep neutral: no LERO's name, no "recovery".
 */
export interface MailContent {
  subject: string;
  /**
   * What an inbox shows beside the subject, before the email is opened (neutral, like the subject). Without it,
   * mail programs show the first ~100–140 characters of the body, which would run past a neutral first line into
   * the details (an activity's title, an organisation's name).
   */
  preview?: string;
  paragraphs: string[];
  link?: { href: string; label: string };
  after?: string[];
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The preview, hidden when the email is shown (and from screen readers), then invisible padding so that a mail
 * program's preview stops there instead of running on into the body.
 */
const previewBlock = (preview: string) =>
  '<div style="display: none; max-height: 0; overflow: hidden; mso-hide: all" aria-hidden="true">' +
  escapeHtml(preview) +
  '&#8199;&#847;'.repeat(120) +
  '</div>';

export function renderMail(content: MailContent): RenderedMail {
  const after = content.after ?? [];
  const text = [
    ...(content.preview ? [content.preview] : []),
    ...content.paragraphs,
    ...(content.link ? [`${content.link.label}: ${content.link.href}`] : []),
    ...after,
  ].join('\n\n');
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const html = [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c; max-width: 40em; margin: 0 auto; padding: 16px">',
    ...(content.preview ? [previewBlock(content.preview)] : []),
    ...content.paragraphs.map(p),
    ...(content.link
      ? [`<p><a href="${escapeHtml(content.link.href)}">${escapeHtml(content.link.label)}</a></p>`]
      : []),
    ...after.map(p),
    '</body>',
    '</html>',
  ].join('\n');
  return { subject: content.subject, text, html };
}
