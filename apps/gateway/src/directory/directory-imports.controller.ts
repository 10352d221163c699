import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { DirectoryClient, PageQuery, StartImportDto, type RequestContext } from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';

const CURATORS = 'The region’s admins and directory curators.';
const NOT_YOURS =
  '403 for the region’s commissioners; 404 for a region you do not work in (another region’s staff, platform admins, a LERO’s people), as for one that does not exist.';
const VIEW =
  '`{id, regionId, source, mode, full, modifiedAfter, status: running | succeeded | failed, startedAt, finishedAt, counts: {pages, seen, created, updated, unchanged, removed, skipped}, problems: [{sourceId?, message}], error, pendingSuggestions}`';

/** A region's admins import another Open Referral UK 3.0 feed into the region's directory (ADR 0041). */
@ApiTag('directory')
@ApiBearerAuth()
@Controller('api/v1/regions/:regionId/directory/imports')
export class DirectoryImportsController {
  constructor(private readonly directory: DirectoryClient) {}

  @Post()
  @HttpCode(202)
  @ApiDoc({
    summary: 'Import another Open Referral UK feed',
    description:
      '`{url, mode?: "listings" | "suggestions", full?}`: the feed’s base address (where its `/services` is: a council’s Family Hub directory, another region’s Hearth). Answers 202 with the import, which goes on in the background: it walks `/services?page=N` and fetches each `/services/{id}`. Mode `listings` (the default) writes each service as a listing that keeps the feed as its `source` and the feed’s id as its `source_id`. Importing the same feed again changes only what changed (asking `modified_after` the last successful import, when the feed answers it), never makes a second listing of a service, and leaves listings a curator retired alone; a whole walk (`full: true`, or a feed without `modified_after`) makes the feed’s listings that it no longer has inactive. Each change is in the change log and publishes `evt.directory.listing.*`. Mode `suggestions` puts each service in the curators’ queue instead (a suggestion with no LERO, naming the import, the feed and the feed’s id; `evt.directory.suggestion.submitted`): a re-import updates a pending suggestion in place rather than adding one, suggests nothing for a listing that already has the feed’s record or a record a curator turned down, suggests a change of a listing whose record changed, and (whole walk) withdraws pending suggestions of services the feed no longer has and suggests its listings that it no longer has inactive. Only public internet addresses are fetched, within limits of size and time.' +
      ` Answers ${VIEW}.`,
    who: CURATORS,
    errors: `400 for an address that is not a public http(s) one (a private, loopback or link-local network, a host that does not exist, a query in it) and for another \`mode\`; 409 while an import of the same feed is running in the region; ${NOT_YOURS}`,
  })
  @ApiContractBody(StartImportDto)
  start(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Body(new ContractPipe(StartImportDto)) dto: StartImportDto,
  ) {
    return this.directory.startImport(ctx, regionId, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The region’s imports',
    description: `The region’s imports, newest first (\`limit\` 20 unless given, at most 100), each as ${VIEW}.`,
    who: CURATORS,
    errors: NOT_YOURS,
  })
  @ApiContractQuery(PageQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Query(new ContractPipe(PageQuery)) query: PageQuery,
  ) {
    return this.directory.listImports(ctx, regionId, query);
  }

  @Get(':importId')
  @ApiDoc({
    summary: 'One import: how far it got',
    description: `${VIEW}. A run whose service stopped while it ran answers \`failed\` with the reason; what it wrote stays, and the next import of the feed finds it again.`,
    who: CURATORS,
    errors: `404 for an import of another region, and ${NOT_YOURS}`,
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('importId') importId: string,
  ) {
    return this.directory.getImport(ctx, regionId, importId);
  }
}
