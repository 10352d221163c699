import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  ApproveSuggestionDto,
  DirectoryClient,
  RegionSuggestionsQuery,
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

/** A region's curators decide the suggestions its LEROs and its imports make. */
@ApiTag('directory')
@ApiBearerAuth()
@Controller('api/v1/regions/:regionId/directory/suggestions')
export class DirectorySuggestionsController {
  constructor(private readonly directory: DirectoryClient) {}

  @Get()
  @ApiDoc({
    summary: 'LEROs’ and imports’ suggestions to the region’s directory',
    description:
      'Oldest first, optionally of one `status` (`pending` for the queue, `approved`, `rejected`), of one `origin` (`lero` or `import`) or of one import (`importId`), in pages of `limit` (50 unless given, at most 100). Each: `{id, origin (lero or import), tenantId (the LERO; null for an import’s), importId, source, sourceId (an import’s: the import that last wrote it, the feed and the feed’s id of the service), kind (new or change), listingId, status, suggestion (the body suggested; an import’s: the feed’s record as a listing’s fields), reason, createdAt, decidedAt}`.',
    who: CURATORS,
    errors: `${NOT_COMMISSIONERS}${NOT_YOURS}`,
  })
  @ApiContractQuery(RegionSuggestionsQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Query(new ContractPipe(RegionSuggestionsQuery)) query: RegionSuggestionsQuery,
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
      'Makes the suggested listing (or the suggested change) as curation would, with its change log and `evt.directory.listing.*` events; the optional body holds the curator’s edits (the fields of changing a listing, and `organizationId` to put a new listing under an organisation already listed), applied on top. An import’s suggestion writes the feed’s whole record as an import into listings would: the listing keeps the feed as its `source` and the feed’s id as its `sourceId`, so the next import of the feed finds it (and suggests nothing while the record is unchanged); `organizationId` is refused for it (it keeps the feed’s organisation). The suggestion becomes `approved` with the listing’s id, and `evt.directory.suggestion.approved` is published, in the same transaction. Answers the suggestion.',
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
      '`{reason}` (required, at most 1000 characters): the LERO sees it with its suggestion. An import’s suggestion turned down is not suggested again by later imports until the feed’s record changes. `evt.directory.suggestion.rejected` is published. Answers the suggestion.',
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
