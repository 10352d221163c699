import type { ClientErrorAnswer } from '@hearth/platform';

export interface PlainPage {
  title: string;
  paragraphs: string[];
}

/** What Node refuses on the socket, before there is a request (and so before any page could run). */
const SOCKET_PAGES: Record<number, PlainPage> = {
  408: {
    title: 'That took too long',
    paragraphs: [
      'Your browser took too long to send the page it asked for. Check your connection and try again.',
    ],
  },
  431: {
    title: 'Your browser sent too much',
    paragraphs: ['Clear this site’s cookies, or close your browser and open it again, then try again.'],
  },
};
const UNREADABLE: PlainPage = {
  title: 'That could not be done',
  paragraphs: ['Your browser’s request could not be read. Go back and try again.'],
};

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * An error page for a request refused before the views could run (Node refusing its headers, Fastify its
 * address): written out, with Hearth's stylesheet, its words escaped.
 */
export function plainErrorPage(page: PlainPage): string {
  const title = escape(page.title);
  return `<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head><meta charset="utf-8"><title>${title} – Hearth</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">
<link rel="stylesheet" href="/assets/hearth.css"></head>
<body class="govuk-template__body"><div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-l">${title}</h1>
${page.paragraphs.map((p) => `<p class="govuk-body">${escape(p)}</p>`).join('\n')}
<p class="govuk-body"><a class="govuk-link" href="/">Go to your Hearth home page</a></p>
</main></div></body></html>
`;
}

/** The web app's answer to a request Node refused on the socket: always a page. */
export const pageAnswer: ClientErrorAnswer = (status) => ({
  contentType: 'text/html; charset=utf-8',
  body: plainErrorPage(SOCKET_PAGES[status] ?? UNREADABLE),
});
