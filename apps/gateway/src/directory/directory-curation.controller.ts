import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  DirectoryClient,
  DirectorySettingsDto,
  NeedsReviewQuery,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';

const CURATORS = 'The region’s admins and directory curators.';
const NOT_YOURS =
  '404 for a region you do not work in (another region’s staff, platform admins, a LERO’s people), as for one that does not exist.';
const NOT_COMMISSIONERS = '403 for the region’s commissioners; ';

/** A region's curators: assuring listings, the listings due for review, the directory's settings. */
@ApiTag('directory')
@ApiBearerAuth()
@Controller('api/v1/regions/:regionId/directory')
export class DirectoryCurationController {
  constructor(private readonly directory: DirectoryClient) {}

  @Post('services/:listingId/assure')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Assure a listing',
    description:
      'A curator has checked the listing: sets HSDS `assured_date` to today (UK) and `assurer_email` to the curator team’s address (the region’s `contactEmail` in `…/directory/settings`, else the deployment’s `DIRECTORY_CONTACT_EMAIL`), with change-log entries and an `evt.directory.listing.assured` event. Assuring again on the same day changes nothing. Answers the listing.',
    who: CURATORS,
    errors: `409 for a retired listing, or when no team address is set; 404 for a listing of another region; ${NOT_COMMISSIONERS}${NOT_YOURS}`,
  })
  assure(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('listingId') listingId: string,
  ) {
    return this.directory.assureListing(ctx, regionId, listingId);
  }

  @Get('needs-review')
  @ApiDoc({
    summary: 'Listings that need review',
    description:
      'Active listings not assured for the review period (12 months unless `DIRECTORY_REVIEW_MONTHS` says otherwise): those never assured first, then the longest since assured, each day’s oldest listing first. Pages of `limit` (50 unless given, at most 100) with `nextCursor`.',
    who: CURATORS,
    errors: `400 for a cursor this list did not give; ${NOT_COMMISSIONERS}${NOT_YOURS}`,
  })
  @ApiContractQuery(NeedsReviewQuery)
  needsReview(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Query(new ContractPipe(NeedsReviewQuery)) query: NeedsReviewQuery,
  ) {
    return this.directory.needsReview(ctx, regionId, query);
  }

  @Get('settings')
  @ApiDoc({
    summary: 'The region’s directory settings',
    description:
      'Answers `{regionId, contactEmail, assurerEmail, reviewMonths}`: the curator team’s address the region set (or null), the address assuring writes now (the region’s, else the deployment’s default, else null), and the review period in months.',
    who: CURATORS,
    errors: `${NOT_COMMISSIONERS}${NOT_YOURS}`,
  })
  settings(@Context() ctx: RequestContext, @UuidParam('regionId') regionId: string) {
    return this.directory.getSettings(ctx, regionId);
  }

  @Put('settings')
  @ApiDoc({
    summary: 'Set the curator team’s address',
    description:
      '`{contactEmail}`: a team’s address (never a person’s), which assuring writes on listings as HSDS `assurer_email`; `null` falls back to the deployment’s default. Listings assured before keep the address they were assured with. Answers the settings.',
    who: 'The region’s admins.',
    errors: `400 for what is not an email address; 403 for its directory curators and commissioners; ${NOT_YOURS}`,
  })
  @ApiContractBody(DirectorySettingsDto)
  updateSettings(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Body(new ContractPipe(DirectorySettingsDto)) dto: DirectorySettingsDto,
  ) {
    return this.directory.updateSettings(ctx, regionId, dto);
  }
}
