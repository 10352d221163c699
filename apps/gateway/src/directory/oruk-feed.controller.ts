import { Controller, Get, Header, Param, Query, Req, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  DirectoryClient,
  ORUK_LIST_PARAMETERS,
  OrukQuery,
  OrukRegionRequest,
  type OrukResource,
  type RequestContext,
  validatePayload,
} from '@hearth/contracts';
import { Public } from '@hearth/auth';
import { ContractPipe } from '@hearth/platform';
import { ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag, type OperationDoc } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { feedBase, orukOpenApi } from './oruk-openapi';

/** The region's slug from the path, validated as the contract has it (400 naming `regionSlug`). */
const REGION_SLUG: PipeTransform<string, string> = {
  transform: (value) => validatePayload(OrukRegionRequest, { regionSlug: value }).regionSlug,
};

const WHO = 'Anyone, without signing in.';
const LIST_ERRORS =
  '400 for a parameter refused or one this list does not take (naming it and why), and for a `postcode` that is not in Hearth’s postcode list; 404 for a slug that is no region’s; 429 beyond `PUBLIC_RATE_LIMIT` requests a minute from one address (every answer, errors too, carries `Access-Control-Allow-Origin: *`).';
const ITEM_ERRORS =
  '400 for an id that is not a UUID; 404 for one not in the feed, or a slug that is no region’s.';

const list = (what: string, contents: string): OperationDoc => ({
  summary: `The region’s ${what} (Open Referral UK)`,
  description: `A page as Open Referral UK has it: \`{total_items, total_pages, page_number, size, first_page, last_page, empty, contents}\` (\`page\` from 1, \`per_page\` 50 unless given, at most 100). ${contents}`,
  who: WHO,
  errors: LIST_ERRORS,
});
const item = (what: string, shape: string): OperationDoc => ({
  summary: `One ${what} (Open Referral UK)`,
  description: shape,
  who: WHO,
  errors: ITEM_ERRORS,
});
const FILTERS =
  '`search` is full text over the name and description; `taxonomy_term_id` and `taxonomy_id` keep those with that term, or any term of that taxonomy; `minimum_age`, `maximum_age` by eligibility; `day`, `start_time`, `end_time` by opening times; `modified_after` by change (what each keeps: the feed’s own `openapi.json`, ADR 0037). Only active listings of active organisations.';
/** `postcode` and `proximity` (ADR 0038): Open Referral UK's on services at locations, Hearth's on services. */
const PLACES =
  '`postcode` (any case and spacing) puts the nearest to its centroid in Hearth’s postcode list first, those without a place last; with `proximity`, whole metres from that centroid, only those within it.';

/**
 * No sign-in: a region's directory as an Open Referral UK 3.0 (HSDS 3.0 UK profile) feed, readable from any
 * web page (`Access-Control-Allow-Origin: *`).
 */
@ApiTag('directory')
@ApiParam({
  name: 'regionSlug',
  description: 'The region’s short name',
  schema: { type: 'string', maxLength: 60 },
})
@Public()
@Controller('api/v1/public/regions/:regionSlug/oruk')
export class OrukFeedController {
  constructor(private readonly directory: DirectoryClient) {}

  private list(ctx: RequestContext, slug: string, resource: OrukResource, query: OrukQuery) {
    return this.directory.orukList(ctx, slug, resource, query);
  }

  private item(ctx: RequestContext, slug: string, resource: OrukResource, id: string) {
    return this.directory.orukItem(ctx, slug, resource, id);
  }

  @Get()
  @Header('access-control-allow-origin', '*')
  @ApiDoc({
    summary: 'About the region’s Open Referral UK feed',
    description:
      '`{version, profile, openapi_url}`: the HSDS version and profile the feed answers to, and the address of its own OpenAPI document.',
    who: WHO,
    errors: '404 for a slug that is no region’s.',
  })
  async root(
    @Context() ctx: RequestContext,
    @Param('regionSlug', REGION_SLUG) slug: string,
    @Req() req: FastifyRequest,
  ) {
    const base = feedBase(req, slug);
    const root = await this.directory.orukRoot(ctx, slug);
    return { ...root, openapi_url: new URL(root.openapi_url, `${base}/`).toString() };
  }

  @Get('openapi.json')
  @Header('access-control-allow-origin', '*')
  @ApiDoc({
    summary: 'The OpenAPI document of the region’s Open Referral UK feed',
    description:
      'OpenAPI 3.1: exactly the routes and query parameters this feed answers, in the terms of Open Referral UK 3.0’s own document (its paths, page and published schemas), with Hearth’s extensions (`/organizations`, `modified_after`, `postcode` and `proximity` on `/services` …) marked `x-hearth-extension`. `/` links to it.',
    who: WHO,
    errors: '404 for a slug that is no region’s.',
  })
  async openapi(
    @Context() ctx: RequestContext,
    @Param('regionSlug', REGION_SLUG) slug: string,
    @Req() req: FastifyRequest,
  ) {
    const base = feedBase(req, slug);
    await this.directory.orukRoot(ctx, slug);
    return orukOpenApi(base, slug);
  }

  @Get('services')
  @Header('access-control-allow-origin', '*')
  @ApiDoc(
    list(
      'services',
      `Each a service with its organisation. ${FILTERS} ${PLACES} (On services, a Hearth extension: measured to a service’s nearest place.)`,
    ),
  )
  @ApiContractQuery(OrukQuery, ORUK_LIST_PARAMETERS.services)
  services(
    @Context() ctx: RequestContext,
    @Param('regionSlug', REGION_SLUG) slug: string,
    @Query(new ContractPipe(OrukQuery)) q: OrukQuery,
  ) {
    return this.list(ctx, slug, 'services', q);
  }

  @Get('services/:id')
  @Header('access-control-allow-origin', '*')
  @ApiDoc(
    item(
      'service',
      'A fully nested service: its organisation, schedules, places, contacts, languages, costs and taxonomy terms (as `attributes`).',
    ),
  )
  service(
    @Context() ctx: RequestContext,
    @Param('regionSlug', REGION_SLUG) slug: string,
    @UuidParam('id') id: string,
  ) {
    return this.item(ctx, slug, 'services', id);
  }

  @Get('service_at_locations')
  @Header('access-control-allow-origin', '*')
  @ApiDoc(
    list(
      'services at locations',
      `Each a place a service is offered at, with the location and the service. ${FILTERS} ${PLACES}`,
    ),
  )
  @ApiContractQuery(OrukQuery, ORUK_LIST_PARAMETERS.service_at_locations)
  serviceAtLocations(
    @Context() ctx: RequestContext,
    @Param('regionSlug', REGION_SLUG) slug: string,
    @Query(new ContractPipe(OrukQuery)) q: OrukQuery,
  ) {
    return this.list(ctx, slug, 'service_at_locations', q);
  }

  @Get('service_at_locations/:id')
  @Header('access-control-allow-origin', '*')
  @ApiDoc(
    item(
      'service at a location',
      'The place in full (addresses, accessibility) and the service offered there.',
    ),
  )
  serviceAtLocation(
    @Context() ctx: RequestContext,
    @Param('regionSlug', REGION_SLUG) slug: string,
    @UuidParam('id') id: string,
  ) {
    return this.item(ctx, slug, 'service_at_locations', id);
  }

  @Get('organizations')
  @Header('access-control-allow-origin', '*')
  @ApiDoc(list('organisations', `Organisations with at least one service in the feed. ${FILTERS}`))
  @ApiContractQuery(OrukQuery, ORUK_LIST_PARAMETERS.organizations)
  organizations(
    @Context() ctx: RequestContext,
    @Param('regionSlug', REGION_SLUG) slug: string,
    @Query(new ContractPipe(OrukQuery)) q: OrukQuery,
  ) {
    return this.list(ctx, slug, 'organizations', q);
  }

  @Get('organizations/:id')
  @Header('access-control-allow-origin', '*')
  @ApiDoc(item('organisation', 'The organisation with its services in the feed, each fully nested.'))
  organization(
    @Context() ctx: RequestContext,
    @Param('regionSlug', REGION_SLUG) slug: string,
    @UuidParam('id') id: string,
  ) {
    return this.item(ctx, slug, 'organizations', id);
  }

  @Get('taxonomies')
  @Header('access-control-allow-origin', '*')
  @ApiDoc(
    list(
      'taxonomies',
      'Hearth’s recovery-community taxonomy and the region’s own; `search` matches their names.',
    ),
  )
  @ApiContractQuery(OrukQuery, ORUK_LIST_PARAMETERS.taxonomies)
  taxonomies(
    @Context() ctx: RequestContext,
    @Param('regionSlug', REGION_SLUG) slug: string,
    @Query(new ContractPipe(OrukQuery)) q: OrukQuery,
  ) {
    return this.list(ctx, slug, 'taxonomies', q);
  }

  @Get('taxonomies/:id')
  @Header('access-control-allow-origin', '*')
  @ApiDoc(item('taxonomy', '`{id, name, description, uri?, version?}`.'))
  taxonomy(
    @Context() ctx: RequestContext,
    @Param('regionSlug', REGION_SLUG) slug: string,
    @UuidParam('id') id: string,
  ) {
    return this.item(ctx, slug, 'taxonomies', id);
  }

  @Get('taxonomy_terms')
  @Header('access-control-allow-origin', '*')
  @ApiDoc(
    list(
      'taxonomy terms',
      'Terms of every taxonomy the region uses; `taxonomy_id` keeps one taxonomy’s, `search` matches their names.',
    ),
  )
  @ApiContractQuery(OrukQuery, ORUK_LIST_PARAMETERS.taxonomy_terms)
  taxonomyTerms(
    @Context() ctx: RequestContext,
    @Param('regionSlug', REGION_SLUG) slug: string,
    @Query(new ContractPipe(OrukQuery)) q: OrukQuery,
  ) {
    return this.list(ctx, slug, 'taxonomy_terms', q);
  }

  @Get('taxonomy_terms/:id')
  @Header('access-control-allow-origin', '*')
  @ApiDoc(
    item(
      'taxonomy term',
      '`{id, name, description, code?, term, taxonomy, taxonomy_id, parent_id?, term_uri?}`.',
    ),
  )
  taxonomyTerm(
    @Context() ctx: RequestContext,
    @Param('regionSlug', REGION_SLUG) slug: string,
    @UuidParam('id') id: string,
  ) {
    return this.item(ctx, slug, 'taxonomy_terms', id);
  }
}
