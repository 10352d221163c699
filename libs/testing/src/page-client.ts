export interface PageResponse {
  status: number;
  headers: Headers;
  html: string;
  /** Where a redirect points (303/302), as a path. */
  location?: string;
}

/**
 * A browser without a browser: keeps the session cookie, reads each page's CSRF token and posts forms as
 * `application/x-www-form-urlencoded` with the page's `Origin`, the way a browser without JavaScript does.
 */
export class PageClient {
  private cookies = new Map<string, string>();
  csrf = '';

  constructor(
    readonly baseUrl: string,
    /** Sent with every request (a proxy's X-Forwarded-For). */
    private readonly headers: Record<string, string> = {},
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Another client holding a copy of this one's cookies (a second tab, or a stolen cookie). */
  clone(): PageClient {
    const copy = new PageClient(this.baseUrl, this.headers);
    copy.cookies = new Map(this.cookies);
    copy.csrf = this.csrf;
    return copy;
  }

  async get(path: string): Promise<PageResponse> {
    return this.send('GET', path);
  }

  /** A form as a browser posts it; as pairs, a field may repeat (ticked checkboxes). */
  async post(
    path: string,
    form: Record<string, string> | [string, string][],
    csrf: string | null = this.csrf,
    headers: Record<string, string> = {},
  ): Promise<PageResponse> {
    const body = new URLSearchParams(Array.isArray(form) ? form : Object.entries(form));
    if (csrf !== null) body.set('_csrf', csrf);
    return this.send('POST', path, body.toString(), headers);
  }

  /** A form with a file (`enctype="multipart/form-data"`), as a browser posts an upload. */
  async postMultipart(
    path: string,
    form: Record<string, string>,
    files: Record<string, { name: string; text?: string; data?: Uint8Array; type?: string }>,
    csrf: string | null = this.csrf,
  ): Promise<PageResponse> {
    const body = new FormData();
    for (const [k, v] of Object.entries({ ...form, ...(csrf === null ? {} : { _csrf: csrf }) }))
      body.append(k, v);
    for (const [k, f] of Object.entries(files))
      body.append(
        k,
        new Blob([f.data ? new Uint8Array(f.data) : (f.text ?? '')], { type: f.type ?? 'text/csv' }),
        f.name,
      );
    return this.send('POST', path, body);
  }

  /** Follows redirects from a response, as a browser would. */
  async follow(res: PageResponse): Promise<PageResponse> {
    let current = res;
    for (let i = 0; current.location && i < 5; i++) current = await this.get(current.location);
    return current;
  }

  private async send(
    method: string,
    path: string,
    body?: string | FormData,
    extra: Record<string, string> = {},
  ): Promise<PageResponse> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        accept: 'text/html',
        ...(method === 'POST' ? { origin: new URL(this.baseUrl).origin } : {}),
        ...this.headers,
        ...extra,
        ...(this.cookies.size ? { cookie: this.cookieHeader } : {}),
        ...(typeof body === 'string' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const html = await res.text();
    const token = html.match(/name="_csrf" value="([^"]+)"/);
    if (token) this.csrf = token[1];
    const location = res.headers.get('location') ?? undefined;
    return {
      status: res.status,
      headers: res.headers,
      html,
      location: location ? location.replace(this.baseUrl, '') : undefined,
    };
  }
}

/**
 * The fields a form on the page would post: its hidden inputs and the selected option of each select (the
 * first form whose action is `action`).
 */
export function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  const form = start < 0 ? undefined : html.slice(start, html.indexOf('</form>', start));
  if (!form) throw new Error(`no form posting to ${action} on the page: ${textOf(html).slice(0, 300)}`);
  const decode = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
    fields[m[1]] = decode(m[2]);
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected =
      /<option[^>]*value="([^"]*)"[^>]*selected/.exec(m[2]) ?? /<option[^>]*value="([^"]*)"/.exec(m[2]);
    if (selected) fields[m[1]] = decode(selected[1]);
  }
  delete fields._csrf;
  return fields;
}

/** The text of an HTML fragment, whitespace collapsed, for assertions that read like the page. */
export const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** The main navigation's items, as the page names them. */
export const navigationOf = (html: string) =>
  [...html.matchAll(/class="govuk-service-navigation__link"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => textOf(m[1]));

/** A friendly 403 page: "You cannot see this page". */
export const expectForbidden = (page: PageResponse) => {
  expect(page.status).toBe(403);
  expect(textOf(page.html)).toContain('You cannot see this page');
};

/** A friendly 404 page: "Page not found". */
export const expectNotFound = (page: PageResponse) => {
  expect(page.status).toBe(404);
  expect(textOf(page.html)).toContain('Page not found');
};

/** The rows of the table with this id, each as the text of its cells (header cells included). */
export function tableRows(html: string, id: string): string[][] {
  const table = new RegExp(`<table[^>]*id="${id}"[\\s\\S]*?</table>`).exec(html)?.[0];
  if (!table) throw new Error(`no table #${id} on the page: ${textOf(html).slice(0, 300)}`);
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => textOf(cell[1])),
  );
}

/** The images of a page: their alt text and `src`. */
export const imagesOf = (html: string): { alt: string; src: string }[] =>
  [...html.matchAll(/<img\b[^>]*>/g)].map((m) => ({
    alt: /alt="([^"]*)"/.exec(m[0])?.[1] ?? '',
    src: (/src="([^"]*)"/.exec(m[0])?.[1] ?? '').replace(/&amp;/g, '&'),
  }));
