import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  AdvocacyAsksClient,
  AskUpdateDto,
  CreateAskDto,
  ListAsksQuery,
  UpdateAskDto,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { ASK_CHANGES, ASK_FIELDS, ASK_SHAPE, ASK_UPDATE } from './ask-docs';
import { NOT_REGION_ADMINS as NOT_YOURS, REGION_ADMINS as ADMINS } from './region-docs';

/** A region's own asks, raised across its LEROs (ADR 0065): its admins manage them; the public page shows the public ones. */
@ApiTag('advocacy')
@ApiBearerAuth()
@Controller('api/v1/regions/:regionId/advocacy/asks')
export class RegionAsksController {
  constructor(private readonly asks: AdvocacyAsksClient) {}

  @Post()
  @ApiDoc({
    summary: 'Raise a region’s ask',
    description: `${ASK_FIELDS} A consultation named must be one of the region’s own. Answers ${ASK_SHAPE}.`,
    who: ADMINS,
    errors: `400 naming the field; ${NOT_YOURS}`,
  })
  @ApiContractBody(CreateAskDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Body(new ContractPipe(CreateAskDto)) dto: CreateAskDto,
  ) {
    return this.asks.createRegionAsk(ctx, regionId, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The region’s asks',
    description:
      'A page of the region’s own asks in the order they were made (`limit` 50 unless given, at most 100), ' +
      'optionally of one `status` and `public=true|false`, each with its timeline.',
    who: ADMINS,
    errors: `400 for a status not in the list; ${NOT_YOURS}`,
  })
  @ApiContractQuery(ListAsksQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Query(new ContractPipe(ListAsksQuery)) query: ListAsksQuery,
  ) {
    return this.asks.listRegionAsks(ctx, regionId, query);
  }

  @Get(':askId')
  @ApiDoc({
    summary: 'One of the region’s asks and its timeline',
    description: `Answers ${ASK_SHAPE}.`,
    who: ADMINS,
    errors: `404 for an ask not of this region; ${NOT_YOURS}`,
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('askId') askId: string,
  ) {
    return this.asks.getRegionAsk(ctx, regionId, askId);
  }

  @Patch(':askId')
  @ApiDoc({
    summary: 'Change a region’s ask',
    description: ASK_CHANGES,
    who: ADMINS,
    errors: `400 naming the field; 404 for an ask not of this region; ${NOT_YOURS}`,
  })
  @ApiContractBody(UpdateAskDto)
  update(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('askId') askId: string,
    @Body(new ContractPipe(UpdateAskDto)) dto: UpdateAskDto,
  ) {
    return this.asks.updateRegionAsk(ctx, regionId, askId, dto);
  }

  @Post(':askId/updates')
  @ApiDoc({
    summary: 'Add a dated update to a region’s ask',
    description: ASK_UPDATE,
    who: ADMINS,
    errors: `400 naming the field (a change not allowed, declined without a reason, a date before the last update’s); 404 for an ask not of this region; ${NOT_YOURS}`,
  })
  @ApiContractBody(AskUpdateDto)
  addUpdate(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('askId') askId: string,
    @Body(new ContractPipe(AskUpdateDto)) dto: AskUpdateDto,
  ) {
    return this.asks.addRegionAskUpdate(ctx, regionId, askId, dto);
  }
}
