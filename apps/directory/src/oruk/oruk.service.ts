import { Injectable } from '@nestjs/common';
import {
  notFound,
  TenantsClient,
  type OrukItemRequest,
  type OrukListRequest,
  type OrukPage,
  type OrukRegionRequest,
  type OrukRootView,
  type RequestContext,
} from '@hearth/contracts';
import type { RegionId } from '@hearth/persistence';
import { publicDirectoryOf } from '../directory-access';
import { ServiceGraphRepository, type ServiceGraph } from '../hsds/service-graph.repository';
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
import { OrukRepository, type Slice } from './oruk.repository';
import { PlacesFilter } from './places.filter';

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

/** A service at a location, as a list shows it or in full. */
function salOf(sal: Record<string, unknown>, g: ServiceGraph, full: boolean): Hsds {
  const place = g.locations.find((l) => l.sal.id === sal.id);
  return {
    id: sal.id,
    service_id: g.service.id,
    ...(place ? { location_id: place.location.id, location: locationOf(place, full) } : {}),
    service: full ? serviceOf(g, false) : serviceSummaryOf(g),
  };
}

/**
 * A region's Open Referral UK feed: anyone may read it, without signing in. The tenants service names the region
 * by its slug; only active listings of active organisations are in it, and nothing about a person ever is.
 */
@Injectable()
export class OrukService {
  constructor(
    private readonly tenants: TenantsClient,
    private readonly feed: OrukRepository,
    private readonly graphs: ServiceGraphRepository,
    private readonly places: PlacesFilter,
  ) {}

  private async region(ctx: RequestContext, slug: string): Promise<RegionId> {
    return publicDirectoryOf(await this.tenants.regionBySlug(ctx, slug));
  }

  async root(ctx: RequestContext, dto: OrukRegionRequest): Promise<OrukRootView> {
    await this.region(ctx, dto.regionSlug);
    return ROOT;
  }

  async list(ctx: RequestContext, dto: OrukListRequest): Promise<OrukPage> {
    refuseOtherParameters(dto);
    const regionId = await this.region(ctx, dto.regionSlug);
    const page = dto.page ?? 1;
    const perPage = dto.per_page ?? DEFAULT_PER_PAGE;
    const offset = (page - 1) * perPage;
    const near = await this.places.near(regionId, dto);
    const query = dto.taxonomy_term_id
      ? { ...dto, mappedTermIds: await this.feed.termsMappedTo(regionId, dto.taxonomy_term_id) }
      : dto;
    switch (dto.resource) {
      case 'services': {
        const slice = await this.feed.services(regionId, query, perPage, offset, near);
        const graphs = await this.graphs.graphs(
          regionId,
          slice.rows.map((r) => String(r.id)),
        );
        return pageOf(slice, graphs.map(serviceSummaryOf), page, perPage);
      }
      case 'service_at_locations': {
        const slice = await this.feed.serviceAtLocations(regionId, query, perPage, offset, near);
        const graphs = await this.graphs.graphs(regionId, [
          ...new Set(slice.rows.map((r) => String(r.service_id))),
        ]);
        const contents = slice.rows.flatMap((sal) => {
          const g = graphs.find((x) => x.service.id === sal.service_id);
          return g ? [salOf(sal, g, false)] : [];
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

  async item(ctx: RequestContext, dto: OrukItemRequest): Promise<Hsds> {
    const regionId = await this.region(ctx, dto.regionSlug);
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
        return salOf(sal, g, true);
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
