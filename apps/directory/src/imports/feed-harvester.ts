import { safeFetch, SafeFetchError, type SafeFetchResponse } from '@hearth/platform';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The feed cannot be walked any further (its list is not an ORUK page, it stopped answering): the import fails. */
export class HarvestError extends Error {}
/** One record could not be had: the import goes on without it. */
export class RecordError extends Error {}

export interface HarvesterOptions {
  allowLoopback: boolean;
  signal: AbortSignal;
}

/** What a page of a feed's `/services` says: the ids on it, and whether it is the last. */
export interface ServicePage {
  ids: string[];
  last: boolean;
}

const PAGE_BYTES = 8 * 1024 * 1024;
const RECORD_BYTES = 2 * 1024 * 1024;
const TIMEOUT_MS = 30_000;
const PER_PAGE = 100;

/**
 * Reads another Open Referral UK 3.0 feed as its OpenAPI document describes it: `/services?page=N` (pages of
 * summaries) and `/services/{id}` (each service fully nested), and — for what a service names without nesting
 * it — `/organizations/{id}`, `/taxonomy_terms/{id}` and `/taxonomies/{id}`, each asked once per import. Every
 * request goes through `safeFetch` (public addresses only, bounded in size and time, redirects re-checked).
 */
export class FeedHarvester {
  private readonly cache = new Map<string, Promise<Json | undefined>>();

  constructor(
    readonly source: string,
    private readonly opts: HarvesterOptions,
  ) {}

  /**
   * A page of the feed's services (`modifiedAfter`: only those changed since, a Hearth extension many feeds
   * lack). Null when the feed refused the query (400/422): the caller walks it again without the extension.
   */
  async servicePage(page: number, modifiedAfter?: string): Promise<ServicePage | null> {
    const query = new URLSearchParams({ page: String(page), per_page: String(PER_PAGE) });
    if (modifiedAfter) query.set('modified_after', modifiedAfter);
    const res = await this.get(`/services?${query}`, PAGE_BYTES).catch((err: unknown) => {
      throw new HarvestError(`Page ${page} of the feed’s services ${reason(err)}.`);
    });
    if ((res.status === 400 || res.status === 422) && page === 1 && modifiedAfter) return null;
    if (res.status !== 200)
      throw new HarvestError(`Page ${page} of the feed’s services answered HTTP ${res.status}.`);
    let body: unknown;
    try {
      body = res.json();
    } catch {
      throw new HarvestError(`Page ${page} of the feed’s services is not JSON.`);
    }
    if (!isObject(body) || !Array.isArray(body.contents))
      throw new HarvestError(`Page ${page} of the feed’s services is not an Open Referral UK page.`);
    const ids = body.contents.flatMap((item) => {
      const id = isObject(item) ? item.id : undefined;
      return typeof id === 'string' || typeof id === 'number' ? [String(id).slice(0, 200)] : [];
    });
    const total = Number(body.total_pages);
    const last =
      body.last_page === true ||
      body.empty === true ||
      ids.length === 0 ||
      (Number.isFinite(total) && page >= total);
    return { ids, last };
  }

  /** One service, fully nested, with what it names but does not nest fetched and put in place. */
  async service(id: string): Promise<Json> {
    const res = await this.get(`/services/${encodeURIComponent(id)}`, RECORD_BYTES).catch((err: unknown) => {
      throw new RecordError(reason(err));
    });
    if (res.status !== 200) throw new RecordError(`answered HTTP ${res.status}`);
    const body = json(res);
    if (!isObject(body)) throw new RecordError('is not a JSON object');
    if (!isObject(body.organization) && body.organization_id !== undefined) {
      const organization = await this.named('organizations', body.organization_id);
      if (organization) body.organization = organization;
    }
    if (Array.isArray(body.attributes))
      for (const attribute of body.attributes.filter(isObject).slice(0, 100)) {
        if (!isObject(attribute.taxonomy_term) && attribute.taxonomy_term_id !== undefined) {
          const term = await this.named('taxonomy_terms', attribute.taxonomy_term_id);
          if (term) attribute.taxonomy_term = { ...term };
        }
        const term = attribute.taxonomy_term;
        if (isObject(term) && !isObject(term.taxonomy_detail) && term.taxonomy_id !== undefined) {
          const taxonomy = await this.named('taxonomies', term.taxonomy_id);
          if (taxonomy) term.taxonomy_detail = taxonomy;
        }
      }
    return body;
  }

  /** `/{what}/{id}` once per import; undefined when the feed has no such thing or did not answer. */
  private named(what: string, id: unknown): Promise<Json | undefined> {
    if (typeof id !== 'string' || !id || id.length > 200) return Promise.resolve(undefined);
    const key = `${what}/${id}`;
    let found = this.cache.get(key);
    if (!found) {
      found = this.get(`/${what}/${encodeURIComponent(id)}`, RECORD_BYTES).then(
        (res) => {
          const body = res.status === 200 ? json(res, false) : undefined;
          return isObject(body) ? body : undefined;
        },
        () => undefined,
      );
      this.cache.set(key, found);
    }
    return found;
  }

  private get(path: string, maxBytes: number): Promise<SafeFetchResponse> {
    return safeFetch(`${this.source}${path}`, {
      allowLoopback: this.opts.allowLoopback,
      maxBytes,
      timeoutMs: TIMEOUT_MS,
      maxRedirects: 3,
      signal: this.opts.signal,
    });
  }
}

function json(res: SafeFetchResponse, strict = true): unknown {
  try {
    return res.json();
  } catch (err) {
    if (!strict) return undefined;
    throw new RecordError(reason(err));
  }
}

/** A failed fetch as the end of a sentence ("… took longer than 30000 ms"). */
export const reason = (err: unknown): string =>
  err instanceof SafeFetchError || err instanceof RecordError
    ? err.message
    : `failed (${err instanceof Error ? err.message : String(err)})`;
