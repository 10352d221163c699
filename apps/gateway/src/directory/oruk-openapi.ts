import type { FastifyRequest } from 'fastify';
import {
  AppError,
  ORUK_DAY_PATTERN,
  ORUK_END_TIME_PATTERN,
  ORUK_LIST_PARAMETERS,
  ORUK_MAX_AGE,
  ORUK_MAX_PER_PAGE,
  ORUK_RESOURCES,
  ORUK_TIME_PATTERN,
  type OrukResource,
} from '@hearth/contracts';

type Json = Record<string, unknown>;

/** Where Open Referral UK publishes the schemas of its answers (as its own OpenAPI document refers to them). */
export const ORUK_SCHEMAS = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema';

/**
 * The query parameters Open Referral UK 3.0's OpenAPI document names for each list. A list it leaves out
 * (`/organizations`, which HSDS 3.0 has and the UK profile does not) and a parameter beyond these are Hearth's
 * extensions, marked `x-hearth-extension` in the feed's document.
 */
const UK_SERVICE_PARAMETERS = [
  'search',
  'page',
  'per_page',
  'taxonomy_term_id',
  'taxonomy_id',
  'minimum_age',
  'maximum_age',
  'start_time',
  'end_time',
  'day',
];
export const UK_PROFILE_PARAMETERS: Partial<Record<OrukResource, readonly string[]>> = {
  services: UK_SERVICE_PARAMETERS,
  service_at_locations: [...UK_SERVICE_PARAMETERS, 'postcode', 'proximity'],
  taxonomies: ['page', 'per_page'],
  taxonomy_terms: ['page', 'per_page'],
};

const pattern = (p: RegExp) => p.source;
const UUID = { type: 'string', format: 'uuid' };
const age = { type: 'integer', minimum: 0, maximum: ORUK_MAX_AGE };

/** What each parameter takes and keeps (ADR 0037). */
const PARAMETERS: Record<string, { description: string; schema: Json }> = {
  search: {
    description:
      'Full text over the name and description, with English stemming ("advice" finds "advise"); `"a phrase"`, `or` and `-word` as a web search engine takes them. On taxonomies and terms: part of the name.',
    schema: { type: 'string', minLength: 1, maxLength: 200 },
  },
  page: {
    description: 'The page, from 1.',
    schema: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 },
  },
  per_page: {
    description: `Items a page, at most ${ORUK_MAX_PER_PAGE}.`,
    schema: { type: 'integer', minimum: 1, maximum: ORUK_MAX_PER_PAGE, default: 50 },
  },
  taxonomy_term_id: {
    description:
      'Services with this taxonomy term, or with a term the region mapped to it (such as Hearth’s “Debt and money” for the region’s esdServiceType:651).',
    schema: UUID,
  },
  taxonomy_id: {
    description:
      'Services with any term of this taxonomy, or a term mapped to one (on `/taxonomy_terms`: its terms).',
    schema: UUID,
  },
  minimum_age: {
    description:
      'Services whose minimum age is at least this (a service without one is open from 0, so `0` keeps every service).',
    schema: age,
  },
  maximum_age: {
    description:
      'Services whose maximum age is at most this (a service without one has no limit and is left out). With `minimum_age`, the services for that band of ages; not below `minimum_age`.',
    schema: age,
  },
  start_time: {
    description:
      'Services open at some time after this on a day: one of their schedules closes after it. `HH:MM` (or `HH:MM:SS`) in the listings’ own time (Europe/London), no offset.',
    schema: { type: 'string', pattern: pattern(ORUK_TIME_PATTERN) },
  },
  end_time: {
    description:
      'Services open at some time before this on a day: one of their schedules opens before it. `HH:MM`, or `24:00`; after `start_time`. With `start_time` and `day`: one schedule open on that day overlapping that window.',
    schema: { type: 'string', pattern: pattern(ORUK_END_TIME_PATTERN) },
  },
  day: {
    description:
      'Services open on this day (`MO` … `SU`), or on any of these days (`SA,SU`): one of their schedules in force has it in `byday` (`2MO`, the second Monday, counts as a Monday).',
    schema: { type: 'string', pattern: pattern(ORUK_DAY_PATTERN) },
  },
  postcode: {
    description:
      'A UK postcode: services offered within `proximity` metres of its centroid (ONS Postcode Directory). A postcode the feed does not know is a 400.',
    schema: { type: 'string', minLength: 5, maxLength: 8 },
  },
  proximity: {
    description: 'Metres from the centroid of `postcode` (with `postcode`).',
    schema: { type: 'integer', minimum: 1 },
  },
  modified_after: {
    description:
      'Services whose listing (or its organisation) changed at or after this instant: an RFC 3339 date-time with its offset (`2027-01-31T09:00:00Z`), or a date (its midnight, UTC). For incremental harvesting; a listing taken out of the feed does not appear, so walk the whole feed now and then to see what left.',
    schema: { type: 'string', format: 'date-time' },
  },
};

/** Why a list or parameter is Hearth's own, for its `description`. */
const EXTENSION_REASONS: Record<string, string> = {
  organizations: 'HSDS 3.0 has it; the UK profile leaves it out.',
  postcode: 'Open Referral UK has it on `/service_at_locations`; Hearth answers it on `/services` too.',
  proximity: 'Open Referral UK has it on `/service_at_locations`; Hearth answers it on `/services` too.',
  modified_after: 'HSDS 3.0 names it; the UK profile does not. For incremental harvesting.',
  search: 'The UK profile names only `page` and `per_page` here.',
  taxonomy_id: 'The UK profile names only `page` and `per_page` here.',
  openapi: 'The document `/` links to; the UK profile publishes its own.',
  default: 'The UK profile does not name it here.',
};
/** A Hearth extension: marked, and its description says so and why. */
const extension = (what: string, description: string): Json => ({
  description: `${description} **Hearth extension:** ${EXTENSION_REASONS[what] ?? EXTENSION_REASONS.default}`,
  'x-hearth-extension': true,
});

/** The schemas of each list's items and of one item, as the UK profile publishes them. */
const SCHEMAS: Record<OrukResource, { list: string; item: string; what: string }> = {
  services: { list: 'compiled/service_list.json', item: 'compiled/service.json', what: 'service' },
  service_at_locations: {
    list: 'compiled/service_at_location_list.json',
    item: 'compiled/service_at_location.json',
    what: 'service at a location',
  },
  organizations: {
    list: 'compiled/organization_list.json',
    item: 'compiled/organization.json',
    what: 'organisation',
  },
  taxonomies: { list: 'taxonomy.json', item: 'taxonomy.json', what: 'taxonomy' },
  taxonomy_terms: { list: 'taxonomy_term.json', item: 'taxonomy_term.json', what: 'taxonomy term' },
};

const OPERATION_IDS: Record<OrukResource, [list: string, item: string]> = {
  services: ['getPaginatedListOfServices', 'getFullyNestedServiceById'],
  service_at_locations: ['getPaginatedListOfServiceAtLocation', 'getServiceAtLocationWithNestedDataById'],
  organizations: ['getPaginatedListOfOrganizations', 'getOrganizationById'],
  taxonomies: ['getPaginatedListOfTaxonomies', 'getTaxonomyById'],
  taxonomy_terms: ['getPaginatedListOfTaxonomyTerms', 'getTaxonomyTermById'],
};

const json = (schema: Json) => ({ 'application/json': { schema } });
const ERRORS = {
  '400': { $ref: '#/components/responses/BadRequest' },
  '404': { $ref: '#/components/responses/NotFound' },
  '429': { $ref: '#/components/responses/TooManyRequests' },
};

const LIST_DESCRIPTION = 'A parameter this list does not take is a 400 naming it, never ignored.';

function listOperation(resource: OrukResource): Json {
  const profile = UK_PROFILE_PARAMETERS[resource];
  return {
    operationId: OPERATION_IDS[resource][0],
    summary: `A page of the region’s ${resource.replaceAll('_', ' ')}`,
    ...(profile
      ? { description: `${LIST_DESCRIPTION}` }
      : extension(
          'organizations',
          `Organisations with at least one service in the feed; the service filters keep those with such a service. ${LIST_DESCRIPTION}`,
        )),
    parameters: ORUK_LIST_PARAMETERS[resource].map((name) => ({
      name,
      in: 'query',
      required: false,
      schema: PARAMETERS[name].schema,
      ...(profile && !profile.includes(name)
        ? extension(name, PARAMETERS[name].description)
        : { description: PARAMETERS[name].description }),
    })),
    responses: {
      '200': {
        description: `A page of ${resource.replaceAll('_', ' ')}.`,
        content: json({
          allOf: [{ $ref: '#/components/schemas/Page' }],
          properties: {
            contents: { type: 'array', items: { $ref: `${ORUK_SCHEMAS}/${SCHEMAS[resource].list}` } },
          },
        }),
      },
      ...ERRORS,
    },
  };
}

function itemOperation(resource: OrukResource): Json {
  return {
    operationId: OPERATION_IDS[resource][1],
    summary: `One ${SCHEMAS[resource].what}, fully nested`,
    ...(UK_PROFILE_PARAMETERS[resource]
      ? {}
      : extension('organizations', 'The organisation with its services in the feed.')),
    parameters: [
      {
        name: 'id',
        in: 'path',
        required: true,
        description: `The ${SCHEMAS[resource].what}’s id.`,
        schema: UUID,
      },
    ],
    responses: {
      '200': {
        description: `The ${SCHEMAS[resource].what}.`,
        content: json({ $ref: `${ORUK_SCHEMAS}/${SCHEMAS[resource].item}` }),
      },
      ...ERRORS,
    },
  };
}

const problem = (description: string, headers?: Json): Json => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/**
 * The OpenAPI document of one region's feed: exactly the routes and query parameters it answers, in the terms of
 * Open Referral UK 3.0's own document (its paths, parameters, page and schemas), Hearth's extensions marked.
 */
export function orukOpenApi(base: string, regionSlug: string): Json {
  const paths: Json = {
    '/': {
      get: {
        operationId: 'getAPIMetaInformation',
        summary: 'What this feed is: its HSDS version, profile and OpenAPI document.',
        responses: {
          '200': {
            description: 'About this feed.',
            content: json({
              type: 'object',
              required: ['version', 'profile', 'openapi_url'],
              properties: {
                version: { type: 'string', description: 'HSDS version of this API.' },
                profile: { type: 'string', format: 'uri', description: 'The HSDS profile it answers to.' },
                openapi_url: { type: 'string', format: 'uri', description: 'This document.' },
              },
            }),
          },
          '404': ERRORS['404'],
          '429': ERRORS['429'],
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document.',
        ...extension('openapi', 'The routes and parameters this feed answers.'),
        responses: {
          '200': { description: 'This document.', content: json({ type: 'object' }) },
          '404': ERRORS['404'],
          '429': ERRORS['429'],
        },
      },
    },
  };
  for (const resource of ORUK_RESOURCES) {
    paths[`/${resource}`] = { get: listOperation(resource) };
    paths[`/${resource}/{id}`] = { get: itemOperation(resource) };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: `Open Referral UK feed of the region ${regionSlug}`,
      version: '3.0',
      description:
        'A region’s directory of services as Open Referral UK 3.0 (the HSDS 3.0 UK profile) has it: public, without a key, readable from any web page (`Access-Control-Allow-Origin: *`), rate-limited per client address (429 with `Retry-After` beyond). Only active listings of active organisations. Hearth’s additions to the profile are marked `x-hearth-extension`.',
    },
    externalDocs: { description: 'Open Referral UK', url: 'https://github.com/openreferral/uk-profile' },
    servers: [{ url: base }],
    paths,
    components: {
      schemas: {
        Page: {
          type: 'object',
          required: [
            'total_items',
            'total_pages',
            'page_number',
            'size',
            'first_page',
            'last_page',
            'empty',
            'contents',
          ],
          properties: {
            total_items: { type: 'integer', description: 'How many items all the pages hold.' },
            total_pages: { type: 'integer', description: 'How many pages (at least 1).' },
            page_number: { type: 'integer', description: 'This page’s number, from 1.' },
            size: { type: 'integer', description: 'How many items this page holds.' },
            first_page: { type: 'boolean' },
            last_page: { type: 'boolean' },
            empty: { type: 'boolean', description: 'This page holds nothing.' },
            contents: { type: 'array' },
          },
        },
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details.',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string', description: 'What is wrong, in words.' },
            code: { type: 'string' },
            errors: {
              type: 'array',
              description: 'Each parameter refused, and why.',
              items: {
                type: 'object',
                properties: { field: { type: 'string' }, message: { type: 'string' } },
              },
            },
            retryAfterSeconds: { type: 'integer' },
          },
        },
      },
      responses: {
        BadRequest: problem('A parameter refused: `errors` names it and says why.'),
        NotFound: problem('No such item in the feed (or no such region).'),
        TooManyRequests: problem('Too many requests from this address this minute.', {
          'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } },
        }),
      },
    },
  };
}

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The origin as the client reached it (its proxies' `X-Forwarded-*` when trusted). */
export function requestOrigin(req: FastifyRequest): string {
  if (!HOST.test(req.host))
    throw new AppError('VALIDATION', 'The Host header is not a host name.', {
      errors: [{ field: 'host', message: 'must be a host name' }],
    });
  return `${req.protocol}://${req.host}`;
}

/** The feed's base address as the client reached it. */
export const feedBase = (req: FastifyRequest, regionSlug: string): string =>
  `${requestOrigin(req)}/api/v1/public/regions/${regionSlug}/oruk`;
