import type { PublicRegionView, RequestContext } from '@hearth/contracts';

/** How long the directory remembers which region a feed's slug names, unless configured (ADR 0046). */
export const DEFAULT_REGION_CACHE_TTL_MS = 30_000;

type Lookup = (ctx: RequestContext, slug: string) => Promise<PublicRegionView>;

/**
 * The regions of the feed's slugs, as the tenants service names them (`tenants.region.by-slug`), remembered for
 * `ttlMs` so that a feed's answer does not wait for that service each time (ADR 0046):
 * - only a region found is remembered: a slug that is no region's (404) or a failed lookup is asked again next
 *   time, so a new region's feed answers at once and nothing can fill the memory with made-up slugs;
 * - a region whose slug changed answers under its new slug at once and stops answering under the old one within
 *   `ttlMs`;
 * - the lookups of one slug asked at the same time are one request to the tenants service;
 * - `ttlMs` 0 remembers nothing: every answer asks.
 */
export class RegionSlugs {
  private readonly known = new Map<string, { region: PublicRegionView; until: number }>();
  private readonly asking = new Map<string, Promise<PublicRegionView>>();

  constructor(
    private readonly lookup: Lookup,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async region(ctx: RequestContext, slug: string): Promise<PublicRegionView> {
    if (this.ttlMs <= 0) return this.lookup(ctx, slug);
    const hit = this.known.get(slug);
    if (hit && hit.until > this.now()) return hit.region;
    if (hit) this.known.delete(slug);
    const pending = this.asking.get(slug);
    if (pending) return pending;
    const asked = this.lookup(ctx, slug)
      .then((region) => {
        // As many as the regions' slugs; a region's old slugs are let go once past their time.
        if (this.known.size >= 1000) this.forgetExpired();
        this.known.set(slug, { region, until: this.now() + this.ttlMs });
        return region;
      })
      .finally(() => this.asking.delete(slug));
    this.asking.set(slug, asked);
    return asked;
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [slug, { until }] of this.known) if (until <= now) this.known.delete(slug);
  }
}
