import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  AdvocacyClient,
  CreateConsultationDto,
  ListConsultationsQuery,
  PublishTextsDto,
  ResultsQuery,
  UpdateConsultationDto,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import {
  CONSULTATION_FIELDS,
  CONSULTATION_SHAPE,
  CONSULTATION_CHANGE as CHANGE,
  PUBLISHED_TEXTS,
  RESULTS_SHAPE,
} from './consultation-docs';
import { NOT_REGION_ADMINS as NOT_YOURS, REGION_ADMINS as ADMINS } from './region-docs';

/** A region's consultations across its LEROs (ADR 0062): its admins run them; LEROs' members respond in their LERO. */
@ApiTag('advocacy')
@ApiBearerAuth()
@Controller('api/v1/regions/:regionId/advocacy/consultations')
export class RegionConsultationsController {
  constructor(private readonly advocacy: AdvocacyClient) {}

  @Post()
  @ApiDoc({
    summary: 'Start a region’s consultation (a draft)',
    description:
      `${CONSULTATION_FIELDS} \`audience\` is \`region\` (the members of every LERO in the region). Members ` +
      'respond through their own LERO: `POST /api/v1/tenants/{tenantId}/advocacy/consultations/{id}/responses`. ' +
      `Answers the draft ${CONSULTATION_SHAPE}.`,
    who: ADMINS,
    errors: `400 naming the field (\`closesAt\` not after \`opensAt\`, \`resultsThreshold\` below 5, an audience a region cannot use); ${NOT_YOURS}`,
  })
  @ApiContractBody(CreateConsultationDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Body(new ContractPipe(CreateConsultationDto)) dto: CreateConsultationDto,
  ) {
    return this.advocacy.createRegionConsultation(ctx, regionId, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The region’s consultations',
    description:
      'A page of the region’s own consultations in the order they were made (`limit` 50 unless given, at most ' +
      '100), optionally of one `status`.',
    who: ADMINS,
    errors: NOT_YOURS,
  })
  @ApiContractQuery(ListConsultationsQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Query(new ContractPipe(ListConsultationsQuery)) query: ListConsultationsQuery,
  ) {
    return this.advocacy.listRegionConsultations(ctx, regionId, query);
  }

  @Get(':consultationId')
  @ApiDoc({
    summary: 'One of the region’s consultations',
    description: `Answers ${CONSULTATION_SHAPE}.`,
    who: ADMINS,
    errors: `404 for a consultation not of this region; ${NOT_YOURS}`,
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('consultationId') consultationId: string,
  ) {
    return this.advocacy.getRegionConsultation(ctx, regionId, consultationId);
  }

  @Patch(':consultationId')
  @ApiDoc({
    summary: 'Change a region’s draft consultation',
    description: CHANGE,
    who: ADMINS,
    errors: `409 \`ConsultationNotDraft\` once it is open (unless only \`public\` is sent); 404 for a consultation not of this region; ${NOT_YOURS}`,
  })
  @ApiContractBody(UpdateConsultationDto)
  update(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('consultationId') consultationId: string,
    @Body(new ContractPipe(UpdateConsultationDto)) dto: UpdateConsultationDto,
  ) {
    return this.advocacy.updateRegionConsultation(ctx, regionId, consultationId, dto);
  }

  @Post(':consultationId/open')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Open a region’s consultation',
    description:
      'Draft → open: its questions are frozen and the members of the region’s LEROs may respond; publishes ' +
      '`evt.advocacy.consultation.opened`. Answers the consultation.',
    who: ADMINS,
    errors: `409 \`ConsultationNotDraft\` unless it is a draft; 404 for a consultation not of this region; ${NOT_YOURS}`,
  })
  open(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('consultationId') consultationId: string,
  ) {
    return this.advocacy.openRegionConsultation(ctx, regionId, consultationId);
  }

  @Post(':consultationId/close')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Close a region’s consultation',
    description:
      'Open → closed: no more responses; the answers still waiting for a batch are written and the final ' +
      'results taken; publishes `evt.advocacy.consultation.closed`. Answers the consultation.',
    who: ADMINS,
    errors: `409 \`ConsultationNotOpen\` unless it is open; 404 for a consultation not of this region; ${NOT_YOURS}`,
  })
  close(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('consultationId') consultationId: string,
  ) {
    return this.advocacy.closeRegionConsultation(ctx, regionId, consultationId);
  }

  @Get(':consultationId/results')
  @ApiDoc({
    summary: 'A region’s consultation’s results',
    description: `${RESULTS_SHAPE} Free text is shown to the region’s admins, never to commissioners.`,
    who: 'The region’s admins and commissioners (counts only).',
    errors:
      '400 for `by` naming no "about you" question; 404 for a consultation not of this region; 403 for its ' +
      'directory curators; 404 for a region you do not work in.',
  })
  @ApiContractQuery(ResultsQuery)
  results(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('consultationId') consultationId: string,
    @Query(new ContractPipe(ResultsQuery)) query: ResultsQuery,
  ) {
    return this.advocacy.regionConsultationResults(ctx, regionId, consultationId, query);
  }

  @Put(':consultationId/published-texts/:question')
  @ApiDoc({
    summary: 'Publish a free-text question’s answers of a region’s consultation, reviewed and edited',
    description: PUBLISHED_TEXTS,
    who: ADMINS,
    errors: `400 naming \`question\` or \`texts\`; 409 \`ResultsNotShown\` below k; 404 for a consultation not of this region; ${NOT_YOURS}`,
  })
  @ApiContractBody(PublishTextsDto)
  publishTexts(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('consultationId') consultationId: string,
    @Param('question') question: string,
    @Body(new ContractPipe(PublishTextsDto)) dto: PublishTextsDto,
  ) {
    return this.advocacy.publishRegionTexts(ctx, regionId, consultationId, question, dto);
  }
}
