import { Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SLUG_PATTERN, type OrukPage } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { DirectoryFeedApi } from '../api/directory-feed-api';
import { HearthApi } from '../api/hearth-api';
import { Pages, type WebRequest } from '../http/pages';
import { looksLikeUuid } from '../http/params';
import { WebController } from '../http/web-controller';
import { NotSignedIn, PageNotFound } from '../http/web-errors';
import { curatesDirectoryOf, isStaffOf, tenantIdsOf } from '../navigation/navigation';
import { SessionAuthService, callContext } from '../session/session-auth.service';
import type { Viewer } from '../session/web-session';
import { curatorPage } from './curator-page';
import { renderCuratorHome } from './curator-home';
import { CATEGORIES, DISTANCES, readSearch, resultsOf, searchQuery } from './directory-search';
import type { HsdsService } from '../api/hsds';
import { serviceDetails } from './listing-details';

const isSlug = (value: string) => value.length >= 2 && value.length <= 60 && SLUG_PATTERN.test(value);
const SEARCH_ORDER = ['q', 'category', 'postcode', 'distance'];

/**
 * A region's public directory (no sign-in): search, a category, near a postcode; a listing's page. It reads the
 * region's Open Referral UK feed, as anyone may. `/regions/{slug}/directory` is the public directory and
 * `/regions/{id}/directory` its curators' page, as `/leros/{slug}` and `/leros/{id}` are (ADR 0044).
 */
@WebController('regions/:region/directory')
export class PublicDirectoryController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
    private readonly auth: SessionAuthService,
  ) {}

  @Get()
  async directory(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Param('region') region: string,
    @Query() query: unknown,
  ): Promise<void> {
    if (looksLikeUuid(region)) return this.curatorsHome(req, reply, region);
    if (!isSlug(region)) throw new PageNotFound();
    req.viewer = await this.auth.viewer(req).catch(() => undefined);
    const feed = new DirectoryFeedApi(this.api, callContext(req));
    const search = readSearch(query);
    const { errors } = search;
    let page: OrukPage<HsdsService> | undefined;
    if (search.feed) {
      try {
        page = await feed.services(region, search.feed);
      } catch (err) {
        // A postcode the feed does not know (or cannot take) is the form's error, in the feed's words.
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(err, { postcode: 'Postcode', proximity: 'Distance', search: 'Search words' }, 'q', {
          proximity: 'distance',
          search: 'q',
        });
      }
    }
    // The region must exist even when the search could not be asked.
    if (!page) await feed.services(region, { per_page: 1 });
    const { values } = search;
    await this.pages.render(
      req,
      reply,
      'directory/search',
      {
        slug: region,
        values,
        errors: errors.view(SEARCH_ORDER),
        categoryItems: [
          { value: '', text: 'All categories' },
          ...CATEGORIES.map((c) => ({ value: c.id, text: c.name, selected: c.id === values.category })),
        ],
        distanceItems: [
          ...DISTANCES.map((d) => ({ value: d, text: `Within ${d} km`, selected: d === values.distance })),
          { value: '', text: 'Any distance', selected: values.distance === '' },
        ],
        filtered: Boolean(values.q || values.category || values.postcode),
        near: page && values.postcode ? values.postcode.toUpperCase() : undefined,
        results: page ? resultsOf(region, values, page) : undefined,
        suggestHref: this.suggestHref(req.viewer, region),
      },
      errors.ok ? 200 : 400,
    );
  }

  @Get('services/:serviceId')
  async listing(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Param('region') region: string,
    @Param('serviceId') serviceId: string,
    @Query() query: unknown,
  ): Promise<void> {
    if (!isSlug(region) || !looksLikeUuid(serviceId)) throw new PageNotFound();
    req.viewer = await this.auth.viewer(req).catch(() => undefined);
    const service = await new DirectoryFeedApi(this.api, callContext(req)).service(region, serviceId);
    const search = readSearch(query);
    const viewer = req.viewer;
    // The curators of this region may change it; a LERO's staff may suggest a change.
    const curated = viewer
      ? (await this.api.for(callContext(req, viewer.accessToken)).regions()).items.find(
          (r) => r.slug === region && curatesDirectoryOf(viewer, r.id),
        )
      : undefined;
    await this.pages.render(req, reply, 'directory/listing', {
      slug: region,
      listing: serviceDetails(service),
      backHref: `/regions/${region}/directory${search.feed ? searchQuery(search.values) : ''}`,
      changeHref: curated ? `/regions/${curated.id}/directory/listings/${service.id}` : undefined,
      suggestHref: this.suggestHref(viewer, region, service.id),
    });
  }

  /** A LERO's staff (of one LERO) may suggest a listing, or a change to this one, from the public directory. */
  private suggestHref(viewer: Viewer | undefined, slug: string, listingId?: string): string | undefined {
    const staffOf = viewer ? tenantIdsOf(viewer).filter((t) => isStaffOf(viewer, t)) : [];
    if (staffOf.length !== 1) return undefined;
    const params = new URLSearchParams({ region: slug, ...(listingId ? { listing: listingId } : {}) });
    return `/leros/${staffOf[0]}/directory/suggest?${params.toString()}`;
  }

  /** `/regions/{id}/directory`: the region's directory as its curators see it (signed in). */
  private async curatorsHome(req: WebRequest, reply: FastifyReply, regionId: string): Promise<void> {
    const viewer = await this.auth.viewer(req);
    if (!viewer) throw new NotSignedIn();
    req.viewer = viewer;
    await renderCuratorHome(this.pages, req, reply, await curatorPage(this.api, req, regionId.toLowerCase()));
  }
}
