import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  CreateListingDto,
  DirectoryClient,
  ListListingsQuery,
  UpdateListingDto,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';

const READERS = 'The region’s admins, directory curators and commissioners.';
const CURATORS = 'The region’s admins and directory curators.';
const NOT_YOURS =
  '404 for a region you do not work in (another region’s staff, platform admins, a LERO’s people), as for one that does not exist.';
const READ_ONLY = '403 for the region’s commissioners, who may read listings but not change them; ';

@ApiTag('directory')
@ApiBearerAuth()
@Controller('api/v1/regions/:regionId/directory/services')
export class DirectoryListingsController {
  constructor(private readonly directory: DirectoryClient) {}

  @Post()
  @ApiDoc({
    summary: 'List a service in the region’s directory',
    description:
      '`{name, organizationId | organization: {name, description?, email?, website?}, description?, url?, email?, status?, fees?, minimumAge?, maximumAge?, alert?, location?: {address1, city, postcode, name?, latitude?, longitude?, accessibility?}, schedules?: [{freq, byday?, bymonthday?, interval?, opensAt?, closesAt?, validFrom?, validTo?, description?}], contact?: {name?, title?, email?, phone?}, taxonomyTermIds?, languages?}`. `postcode` is kept in its normal form (`ls14ap` → `LS1 4AP`); without `latitude` and `longitude` the location takes the postcode’s centroid if Hearth’s postcode list has it. A listing is `active` (in the public feed) unless `status: inactive`. Written with its change-log entry and an `evt.directory.listing.created` event. Answers the listing.',
    who: CURATORS,
    errors: `400 naming each field refused (an organisation or taxonomy term not of this region); ${READ_ONLY}${NOT_YOURS}`,
  })
  @ApiContractBody(CreateListingDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Body(new ContractPipe(CreateListingDto)) dto: CreateListingDto,
  ) {
    return this.directory.createListing(ctx, regionId, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The region’s listings',
    description:
      'A page of listings in the order they were made (`limit` 50 unless given, at most 100), optionally of one `status` (`active`, `inactive`, `retired`).',
    who: READERS,
    errors: NOT_YOURS,
  })
  @ApiContractQuery(ListListingsQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Query(new ContractPipe(ListListingsQuery)) query: ListListingsQuery,
  ) {
    return this.directory.listListings(ctx, regionId, query);
  }

  @Get(':listingId')
  @ApiDoc({
    summary: 'One listing',
    description:
      'The listing with its organisation, location, schedules, contact, taxonomy terms and languages.',
    who: READERS,
    errors: `404 for a listing of another region, and ${NOT_YOURS}`,
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('listingId') listingId: string,
  ) {
    return this.directory.getListing(ctx, regionId, listingId);
  }

  @Patch(':listingId')
  @ApiDoc({
    summary: 'Change a listing',
    description:
      'Only the fields given change; a part given (`location`, `schedules`, `contact`, `taxonomyTermIds`, `languages`) replaces the old one, `null` removes it; `organization` changes the organisation’s details (for all its listings). Each change is in the change log with its previous value, and `evt.directory.listing.updated` is published. Answers the listing.',
    who: CURATORS,
    errors: `409 for a retired listing; ${READ_ONLY}${NOT_YOURS}`,
  })
  @ApiContractBody(UpdateListingDto)
  update(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('listingId') listingId: string,
    @Body(new ContractPipe(UpdateListingDto)) dto: UpdateListingDto,
  ) {
    return this.directory.updateListing(ctx, regionId, listingId, dto);
  }

  @Post(':listingId/retire')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Retire a listing',
    description:
      'For good (HSDS `defunct`): it leaves the public feed and can no longer be changed. Retiring a retired listing changes nothing. Answers the listing.',
    who: CURATORS,
    errors: `${READ_ONLY}${NOT_YOURS}`,
  })
  retire(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('listingId') listingId: string,
  ) {
    return this.directory.retireListing(ctx, regionId, listingId);
  }
}
