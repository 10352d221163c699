import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  AdvocacyClient,
  CreateConsultationDto,
  ListConsultationsQuery,
  PublishTextsDto,
  RespondDto,
  ResultsQuery,
  UpdateConsultationDto,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';
import {
  CONSULTATION_CHANGE,
  CONSULTATION_FIELDS,
  CONSULTATION_SHAPE,
  PUBLISHED_TEXTS,
  RESULTS_SHAPE,
} from './consultation-docs';

const STAFF = 'The LERO’s tenant-admins and coordinators.';
const NOT_STAFF =
  '403 for its volunteers and members; 404 for region and platform staff and other LEROs’ people.';

/** A LERO's consultations (ADR 0062): its staff run them, its members linked to a member record respond. */
@ApiTag('advocacy')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/advocacy/consultations')
export class AdvocacyConsultationsController {
  constructor(private readonly advocacy: AdvocacyClient) {}

  @Post()
  @ApiDoc({
    summary: 'Start a consultation (a draft)',
    description: `${CONSULTATION_FIELDS} \`audience\` is \`members\` (the LERO’s members). Answers the draft ${CONSULTATION_SHAPE}.`,
    who: STAFF,
    errors: `400 naming the field (\`closesAt\` not after \`opensAt\`, \`resultsThreshold\` below 5, an audience a LERO cannot use); ${NOT_STAFF}`,
  })
  @ApiContractBody(CreateConsultationDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(CreateConsultationDto)) dto: CreateConsultationDto,
  ) {
    return this.advocacy.createConsultation(ctx, tenantId, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The LERO’s consultations',
    description:
      'A page of consultations in the order they were made (`limit` 50 unless given, at most 100), optionally ' +
      'of one `status`. ' +
      'Members see the open ones only: the LERO’s, and its region’s asked of the region’s LEROs or the public ' +
      '(`owner: region`), in one list by id. Staff see the LERO’s own.',
    who: 'The LERO’s tenant-admins and coordinators; its members linked to a member record (open ones).',
    errors: '403 for its volunteers and members without a member record; 404 for region and platform staff.',
  })
  @ApiContractQuery(ListConsultationsQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListConsultationsQuery)) query: ListConsultationsQuery,
  ) {
    return this.advocacy.listConsultations(ctx, tenantId, query);
  }

  @Get(':consultationId')
  @ApiDoc({
    summary: 'One consultation',
    description: `Answers ${CONSULTATION_SHAPE}.`,
    who:
      'The LERO’s tenant-admins and coordinators; its members linked to a member record while it is open (a ' +
      'region’s open consultation asked of its LEROs or the public too).',
    errors:
      '404 for a consultation not of this LERO, one not open asked by a member, and region and platform staff.',
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('consultationId') consultationId: string,
  ) {
    return this.advocacy.getConsultation(ctx, tenantId, consultationId);
  }

  @Patch(':consultationId')
  @ApiDoc({
    summary: 'Change a draft consultation',
    description: CONSULTATION_CHANGE,
    who: STAFF,
    errors: `409 \`ConsultationNotDraft\` once it is open (unless only \`public\` is sent); 404 for a consultation not of this LERO; ${NOT_STAFF}`,
  })
  @ApiContractBody(UpdateConsultationDto)
  update(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('consultationId') consultationId: string,
    @Body(new ContractPipe(UpdateConsultationDto)) dto: UpdateConsultationDto,
  ) {
    return this.advocacy.updateConsultation(ctx, tenantId, consultationId, dto);
  }

  @Post(':consultationId/open')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Open a consultation',
    description:
      'Draft → open: its questions are frozen and its members may respond; publishes ' +
      '`evt.advocacy.consultation.opened`. Answers the consultation.',
    who: STAFF,
    errors: `409 \`ConsultationNotDraft\` unless it is a draft; 404 for a consultation not of this LERO; ${NOT_STAFF}`,
  })
  open(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('consultationId') consultationId: string,
  ) {
    return this.advocacy.openConsultation(ctx, tenantId, consultationId);
  }

  @Post(':consultationId/close')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Close a consultation',
    description:
      'Open → closed: no more responses; the answers still waiting for a batch are written and the final ' +
      'results taken; publishes `evt.advocacy.consultation.closed`. Answers the consultation.',
    who: STAFF,
    errors: `409 \`ConsultationNotOpen\` unless it is open; 404 for a consultation not of this LERO; ${NOT_STAFF}`,
  })
  close(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('consultationId') consultationId: string,
  ) {
    return this.advocacy.closeConsultation(ctx, tenantId, consultationId);
  }

  @Get(':consultationId/results')
  @ApiDoc({
    summary: 'A consultation’s results',
    description: `${RESULTS_SHAPE} Free text is shown to the LERO’s staff.`,
    who: STAFF,
    errors: `400 for \`by\` naming no "about you" question; 404 for a consultation not of this LERO; ${NOT_STAFF}`,
  })
  @ApiContractQuery(ResultsQuery)
  results(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('consultationId') consultationId: string,
    @Query(new ContractPipe(ResultsQuery)) query: ResultsQuery,
  ) {
    return this.advocacy.consultationResults(ctx, tenantId, consultationId, query);
  }

  @Put(':consultationId/published-texts/:question')
  @ApiDoc({
    summary: 'Publish a free-text question’s answers, reviewed and edited',
    description: PUBLISHED_TEXTS,
    who: STAFF,
    errors: `400 naming \`question\` (no free-text question of it) or \`texts\`; 409 \`ResultsNotShown\` below k; 404 for a consultation not of this LERO; ${NOT_STAFF}`,
  })
  @ApiContractBody(PublishTextsDto)
  publishTexts(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('consultationId') consultationId: string,
    @Param('question') question: string,
    @Body(new ContractPipe(PublishTextsDto)) dto: PublishTextsDto,
  ) {
    return this.advocacy.publishTexts(ctx, tenantId, consultationId, question, dto);
  }

  /** Left out of the request log (`UNLOGGED_REQUESTS`): nothing records when a response was made (ADR 0062). */
  @Post(':consultationId/responses')
  @ApiDoc({
    summary: 'Respond to a consultation (anonymously)',
    description:
      '`{answers: [{question, choice? | choices? | scale? | text?}]}`: an answer to every question (`q1`…), as ' +
      'its kind needs (an option index, option indexes, a point 1–5, a short text), and to any "about you" ' +
      'questions (`a1`…) you choose. Works for an open consultation of your LERO or of its region (`audience: ' +
      'region`). Once per person. Nothing ties the answers to you: they are stored without your account, member ' +
      'record, time or id of yours, written in a shuffled batch with others, and this request is not logged. ' +
      'Answers `{received: true}` and nothing to find the response by.',
    who: 'The LERO’s members whose account is linked to a member record.',
    errors:
      '400 naming the answer that does not fit its question; 403 for the LERO’s staff, volunteers and members ' +
      'without a member record; 404 for a consultation not open to you; 409 `AlreadyResponded`, ' +
      '`ConsultationNotOpen`.',
  })
  @ApiContractBody(RespondDto)
  respond(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('consultationId') consultationId: string,
    @Body(new ContractPipe(RespondDto)) dto: RespondDto,
  ) {
    return this.advocacy.respond(ctx, tenantId, consultationId, dto);
  }
}
