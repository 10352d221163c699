import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  DirectoryClient,
  ListSuggestionsQuery,
  SuggestListingDto,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

const LERO_STAFF = 'The LERO’s tenant-admins and coordinators.';
const OTHERS =
  '403 for its volunteers and members; 404 for anyone else (another LERO’s people, region and platform staff), as for a LERO that does not exist.';

/** A LERO's admins and coordinators suggest listings, and changes to them, to their region's curators. */
@ApiTag('directory')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/directory/suggestions')
export class LeroSuggestionsController {
  constructor(private readonly directory: DirectoryClient) {}

  @Post()
  @ApiDoc({
    summary: 'Suggest a listing, or a change to one',
    description:
      'Without `listingId`: a new listing, with the body of creating one (`name` and `organizationId` or `organization` required). With `listingId` (a listing of the LERO’s region, as in its public feed): a change, with the body of changing one (only what should change). It waits for the region’s curators, who approve it (maybe with edits) or reject it with a reason. Answers the suggestion, `pending`; `evt.directory.suggestion.submitted` is published.',
    who: LERO_STAFF,
    errors: `400 naming each field refused (no name or organisation for a new listing, nothing to change, a taxonomy term or organisation not of the region); 404 for a listing the region does not have (or has retired); ${OTHERS}`,
  })
  @ApiContractBody(SuggestListingDto)
  submit(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(SuggestListingDto)) dto: SuggestListingDto,
  ) {
    return this.directory.suggestListing(ctx, tenantId, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The LERO’s suggestions',
    description:
      'The LERO’s own suggestions, newest first, optionally of one `status`, in pages of `limit` (50 unless given, at most 100): each with its status, the listing it became or changed, and the curator’s reason when rejected.',
    who: LERO_STAFF,
    errors: OTHERS,
  })
  @ApiContractQuery(ListSuggestionsQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListSuggestionsQuery)) query: ListSuggestionsQuery,
  ) {
    return this.directory.listLeroSuggestions(ctx, tenantId, query);
  }

  @Get(':suggestionId')
  @ApiDoc({
    summary: 'One of the LERO’s suggestions',
    description: 'With its status, and the curator’s reason when rejected.',
    who: LERO_STAFF,
    errors: `404 for another LERO’s suggestion; ${OTHERS}`,
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('suggestionId') suggestionId: string,
  ) {
    return this.directory.getLeroSuggestion(ctx, tenantId, suggestionId);
  }
}
