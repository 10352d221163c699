import { Injectable } from '@nestjs/common';
import {
  notFound,
  type OrukItemRequest,
  type OrukListRequest,
  type OrukPage,
  type OrukRegionRequest,
  type OrukRootView,
  type RequestContext,
} from '@hearth/contracts';
import type { RegionId } from '@hearth/persistence';
import { publicDirectoryOf } from '../directory-access';
import {
  placeOf,
  ServiceGraphRepository,
  summaryOf,
  type ServiceGraph,
} from '../hsds/service-graph.repository';
import {
  locationOf,
  organizationOf,
  serviceOf,
  serviceSummaryOf,
  taxonomyOf,
  taxonomyTermOf,
  type Hsds,
} from '../hsds/hsds.view';
import { refuseOtherParameters } from './oruk-filters';
import { FeedAnswers } from './feed-answers';
import { OrukRepository, type Slice } from './oruk.repository';
import { PlacesFilter } from './places.filter';
import { RegionSlugs } from './region-slugs';

const DEFAULT_PER_PAGE = 50;
/**
 * The specification the feed answers to, and its own OpenAPI document: `openapi_url` is relative to the feed's
 * base, which only the gateway knows (it answers the absolute address: ADR 0037).
 */
const ROOT: OrukRootView = {
  version: '3.0',
  profile: 'https://github.com/openreferral/uk-profile',
  openapi_url: 'openapi.json',
};

function pageOf(slice: Slice, contents: Hsds[], page: number, perPage: number): OrukPage {
  const totalPages = Math.max(1, Math.ceil(slice.total / perPage));
  return {
    total_items: slice.total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** A service at a location in full (`/service_at_locations/{id}`): its place with addresses, its service nested. */
function salOf(sal: Record<string, unknown>, g: ServiceGraph): Hsds {
  const place = g.locations.find((l) => l.sal.id === sal.id);
  return {
    id: sal.id,
    service_id: g.service.id,
    ...(place ? { location_id: place.location.id, location: locationOf(place, true) } : {}),
    service: serviceOf(g, false),
  };
}

/** A service at a location as a list shows it: its place without addresses, its service's own fields. */
function salSummaryOf(
  id: unknown,
  summary: Pick<ServiceGraph, 'service' | 'organization'>,
  location: Record<string, unknown> | undefined,
): Hsds {
  return {
    id,
    service_id: summary.service.id,
    ...(location ? { location_id: location.id, location: locationOf({ location }, false) } : {}),
    service: serviceSummaryOf(summary),
  };
}

/**
 * A region's Open Referral UK feed: anyone may read it, without signing in. The tenants service names the region
 * by its slug (remembered a while: `RegionSlugs`); only active listings of active organisations are in it, and
 * nothing about a person ever is.
 */
@Injectable()
export class OrukService {
  constructor(
    private readonly slugs: RegionSlugs,
    private readonly feed: OrukRepository,
    private readonly graphs: ServiceGraphRepository,
    private readonly places: PlacesFilter,
    private readonly answers: FeedAnswers,
  ) {}

  private async region(ctx: RequestContext, slug: string): Promise<RegionId> {
    return publicDirectoryOf(await this.slugs.region(ctx, slug));
  }

  async root(ctx: RequestContext, dto: OrukRegionRequest): Promise<OrukRootView> {
    await this.region(ctx, dto.regionSlug);
    return ROOT;
  }

  async list(ctx: RequestContext, dto: OrukListRequest): Promise<OrukPage> {
    refuseOtherParameters(dto);
    const regionId = await this.region(ctx, dto.regionSlug);
    return this.answers.answer(regionId, dto, () => this.makeList(regionId, dto));
  }

  async item(ctx: RequestContext, dto: OrukItemRequest): Promise<Hsds> {
    const regionId = await this.region(ctx, dto.regionSlug);
    return this.answers.answer(regionId, dto, () => this.makeItem(regionId, dto));
  }

  /** A list as the feed answers it now (`list` gives it again while the region's data has not changed). */
  private async makeList(regionId: RegionId, dto: OrukListRequest): Promise<OrukPage> {
    const page = dto.page ?? 1;
    const perPage = dto.per_page ?? DEFAULT_PER_PAGE;
    const offset = (page - 1) * perPage;
    const near = await this.places.near(regionId, dto);
    const query = dto.taxonomy_term_id
      ? { ...dto, mappedTermIds: await this.feed.termsMappedTo(regionId, dto.taxonomy_term_id) }
      : dto;
    switch (dto.resource) {
      // A list shows each service and its organisation, read with the page in one statement (ADR 0046).
      case 'services': {
        const slice = await this.feed.services(regionId, query, perPage, offset, near);
        return pageOf(
          slice,
          slice.rows.map((row) => serviceSummaryOf(summaryOf(row))),
          page,
          perPage,
        );
      }
      case 'service_at_locations': {
        const slice = await this.feed.serviceAtLocations(regionId, query, perPage, offset, near);
        const contents = slice.rows.map((row) => {
          const location = placeOf(row);
          return salSummaryOf(row.sal_id, summaryOf(row), location.id == null ? undefined : location);
        });
        return pageOf(slice, contents, page, perPage);
      }
      case 'organizations': {
        const slice = await this.feed.organizations(regionId, query, perPage, offset);
        return pageOf(slice, slice.rows.map(organizationOf), page, perPage);
      }
      case 'taxonomies': {
        const slice = await this.feed.taxonomies(regionId, dto, perPage, offset);
        return pageOf(slice, slice.rows.map(taxonomyOf), page, perPage);
      }
      case 'taxonomy_terms': {
        const slice = await this.feed.taxonomyTerms(regionId, dto, perPage, offset);
        return pageOf(slice, slice.rows.map(taxonomyTermOf), page, perPage);
      }
    }
  }

  private async makeItem(regionId: RegionId, dto: OrukItemRequest): Promise<Hsds> {
    const id = dto.id.toLowerCase();
    switch (dto.resource) {
      case 'services': {
        const found = await this.feed.one(regionId, 'service', id);
        const [g] = found ? await this.graphs.graphs(regionId, [id]) : [];
        if (!g) throw notFound('Service');
        return serviceOf(g);
      }
      case 'service_at_locations': {
        const sal = await this.feed.one(regionId, 'sal', id);
        const [g] = sal ? await this.graphs.graphs(regionId, [String(sal.service_id)]) : [];
        if (!sal || !g) throw notFound('Service at location');
        return salOf(sal, g);
      }
      case 'organizations': {
        const org = await this.feed.one(regionId, 'organization', id);
        if (!org) throw notFound('Organization');
        const graphs = await this.graphs.graphs(regionId, await this.feed.servicesOf(regionId, id));
        return { ...organizationOf(org), services: graphs.map((g) => serviceOf(g)) };
      }
      case 'taxonomies': {
        const row = await this.feed.one(regionId, 'taxonomy', id);
        if (!row) throw notFound('Taxonomy');
        return taxonomyOf(row);
      }
      case 'taxonomy_terms': {
        const row = await this.feed.one(regionId, 'term', id);
        if (!row) throw notFound('Taxonomy term');
        return taxonomyTermOf(row);
      }
    }
  }
}
