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
import { TenantScoped } from '../http/tenant-access.guard';
import { ASK_FIELDS, ASK_SHAPE, ASK_UPDATE, ASK_CHANGES } from './ask-docs';

const STAFF = 'The LERO’s tenant-admins and coordinators.';
const NOT_STAFF =
  '403 for its volunteers and members; 404 for region and platform staff and other LEROs’ people.';

/** A LERO's asks, "you said, we did" (ADR 0065): its staff raise them and keep their timeline; members read public ones. */
@ApiTag('advocacy')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/advocacy/asks')
export class AdvocacyAsksController {
  constructor(private readonly asks: AdvocacyAsksClient) {}

  @Post()
  @ApiDoc({
    summary: 'Raise an ask',
    description: `${ASK_FIELDS} A consultation named must be one of this LERO’s, or an open or closed one of its region’s (ADR 0075). Answers ${ASK_SHAPE}.`,
    who: STAFF,
    errors: `400 naming the field (a body kind or source not in the list, a date that is not a real day or is in the future, a consultation not of this LERO or its region, text too long); ${NOT_STAFF}`,
  })
  @ApiContractBody(CreateAskDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(CreateAskDto)) dto: CreateAskDto,
  ) {
    return this.asks.createAsk(ctx, tenantId, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The LERO’s asks',
    description:
      'A page of asks in the order they were made (`limit` 50 unless given, at most 100), optionally of one ' +
      '`status` and `public=true|false`, each with its timeline. Members see the public ones only.',
    who: 'The LERO’s tenant-admins and coordinators; its members (public asks).',
    errors: '400 for a status not in the list; 403 for its volunteers; 404 for region and platform staff.',
  })
  @ApiContractQuery(ListAsksQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListAsksQuery)) query: ListAsksQuery,
  ) {
    return this.asks.listAsks(ctx, tenantId, query);
  }

  @Get('consultations')
  @ApiDoc({
    summary: 'Consultations an ask may name',
    description:
      'What `source.consultationId` may be: `{items: [{id, owner: lero|region, title, status: open|closed, ' +
      'closesAt}]}`, the LERO’s own consultations and its region’s (asked of the region’s LEROs or of anyone), ' +
      'open or closed, latest first, at most 100 of each (ADR 0075).',
    who: STAFF,
    errors: NOT_STAFF,
  })
  consultations(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.asks.askConsultations(ctx, tenantId);
  }

  @Get(':askId')
  @ApiDoc({
    summary: 'One ask and its timeline',
    description: `Answers ${ASK_SHAPE}.`,
    who: 'The LERO’s tenant-admins and coordinators; its members if the ask is public.',
    errors:
      '404 for an ask not of this LERO, one not public asked by a member, and region and platform staff.',
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('askId') askId: string,
  ) {
    return this.asks.getAsk(ctx, tenantId, askId);
  }

  @Patch(':askId')
  @ApiDoc({
    summary: 'Change an ask',
    description: ASK_CHANGES,
    who: STAFF,
    errors: `400 naming the field; 404 for an ask not of this LERO; ${NOT_STAFF}`,
  })
  @ApiContractBody(UpdateAskDto)
  update(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('askId') askId: string,
    @Body(new ContractPipe(UpdateAskDto)) dto: UpdateAskDto,
  ) {
    return this.asks.updateAsk(ctx, tenantId, askId, dto);
  }

  @Post(':askId/updates')
  @ApiDoc({
    summary: 'Add a dated update to an ask’s timeline',
    description: ASK_UPDATE,
    who: STAFF,
    errors: `400 naming the field (a status not in the list or a change not allowed, declined without a reason, a date before the last update’s, text too long); 404 for an ask not of this LERO; ${NOT_STAFF}`,
  })
  @ApiContractBody(AskUpdateDto)
  addUpdate(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('askId') askId: string,
    @Body(new ContractPipe(AskUpdateDto)) dto: AskUpdateDto,
  ) {
    return this.asks.addAskUpdate(ctx, tenantId, askId, dto);
  }
}
