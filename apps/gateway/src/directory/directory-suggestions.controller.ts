import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  ApproveSuggestionDto,
  DirectoryClient,
  ListSuggestionsQuery,
  RejectSuggestionDto,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';

const CURATORS = 'The region’s admins and directory curators.';
const NOT_YOURS =
  '404 for a region you do not work in (another region’s staff, platform admins, a LERO’s people), as for one that does not exist, and for a suggestion of another region.';
const NOT_COMMISSIONERS = '403 for the region’s commissioners; ';
const DECIDED = '409 for a suggestion already approved or rejected; ';

/** A region's curators decide the suggestions its LEROs make. */
@ApiTag('directory')
@ApiBearerAuth()
@Controller('api/v1/regions/:regionId/directory/suggestions')
export class DirectorySuggestionsController {
  constructor(private readonly directory: DirectoryClient) {}

  @Get()
  @ApiDoc({
    summary: 'LEROs’ suggestions to the region’s directory',
    description:
      'Oldest first, optionally of one `status` (`pending` for the queue, `approved`, `rejected`), in pages of `limit` (50 unless given, at most 100). Each: `{id, tenantId (the LERO), kind (new or change), listingId, status, suggestion (the body suggested), reason, createdAt, decidedAt}`.',
    who: CURATORS,
    errors: `${NOT_COMMISSIONERS}${NOT_YOURS}`,
  })
  @ApiContractQuery(ListSuggestionsQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Query(new ContractPipe(ListSuggestionsQuery)) query: ListSuggestionsQuery,
  ) {
    return this.directory.listSuggestions(ctx, regionId, query);
  }

  @Get(':suggestionId')
  @ApiDoc({
    summary: 'One suggestion',
    description: 'The suggestion with what was suggested and, once decided, the listing or the reason.',
    who: CURATORS,
    errors: `${NOT_COMMISSIONERS}${NOT_YOURS}`,
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('suggestionId') suggestionId: string,
  ) {
    return this.directory.getSuggestion(ctx, regionId, suggestionId);
  }

  @Post(':suggestionId/approve')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Approve a suggestion',
    description:
      'Makes the suggested listing (or the suggested change) as curation would, with its change log and `evt.directory.listing.*` events; the optional body holds the curator’s edits (the fields of changing a listing, and `organizationId` to put a new listing under an organisation already listed), applied on top. The suggestion becomes `approved` with the listing’s id, and `evt.directory.suggestion.approved` is published, in the same transaction. Answers the suggestion.',
    who: CURATORS,
    errors: `400 naming each field refused (after the edits); ${DECIDED}409 for a change to a listing retired since; ${NOT_COMMISSIONERS}${NOT_YOURS}`,
  })
  @ApiContractBody(ApproveSuggestionDto)
  approve(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('suggestionId') suggestionId: string,
    @Body(new ContractPipe(ApproveSuggestionDto)) dto: ApproveSuggestionDto,
  ) {
    return this.directory.approveSuggestion(ctx, regionId, suggestionId, dto);
  }

  @Post(':suggestionId/reject')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Reject a suggestion',
    description:
      '`{reason}` (required, at most 1000 characters): the LERO sees it with its suggestion. `evt.directory.suggestion.rejected` is published. Answers the suggestion.',
    who: CURATORS,
    errors: `400 without a reason or with one too long; ${DECIDED}${NOT_COMMISSIONERS}${NOT_YOURS}`,
  })
  @ApiContractBody(RejectSuggestionDto)
  reject(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('suggestionId') suggestionId: string,
    @Body(new ContractPipe(RejectSuggestionDto)) dto: RejectSuggestionDto,
  ) {
    return this.directory.rejectSuggestion(ctx, regionId, suggestionId, dto);
  }
}
