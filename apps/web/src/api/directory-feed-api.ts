import type { OrukPage } from '@hearth/contracts';
import type { HsdsOrganization, HsdsService } from './hsds';
import type { CallContext, HearthApi } from './hearth-api';

/** `?a=1&b=2` of the values given (undefined and '' left out), or ''. */
export function queryString(params: object): string {
  const entries = Object.entries(params)
    .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]): [string, string] => [k, String(v)]);
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
}

/** What the public directory asks of a region's feed: the spec's parameters (`proximity` in metres). */
export interface FeedQuery {
  search?: string;
  taxonomy_term_id?: string;
  postcode?: string;
  proximity?: number;
  page?: number;
  per_page?: number;
}

/**
 * A region's Open Referral UK feed (`/api/v1/public/regions/{slug}/oruk`), read as anyone reads it: a client of
 * its own beside `HearthApiCalls` (ADR 0044). A 400 (a postcode not in the list) comes back as an `ApiError`.
 */
export class DirectoryFeedApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
  ) {}

  private get = <T>(slug: string, path: string) =>
    this.api.request<T>('GET', `/api/v1/public/regions/${encodeURIComponent(slug)}/oruk${path}`, this.ctx);

  services = (slug: string, query: FeedQuery) =>
    this.get<OrukPage<HsdsService>>(slug, `/services${queryString(query)}`);
  service = (slug: string, serviceId: string) =>
    this.get<HsdsService>(slug, `/services/${encodeURIComponent(serviceId)}`);
  /** The first 100 organisations with a service in the feed, by name: those a new listing may join. */
  organizations = (slug: string) =>
    this.get<OrukPage<HsdsOrganization>>(slug, `/organizations${queryString({ per_page: 100 })}`);
}
