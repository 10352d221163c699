import {
  AdvocacySubjects as S,
  ConsultationIdRequest,
  CreateConsultationRequest,
  CreateRegionConsultationRequest,
  ListConsultationsRequest,
  ListRegionConsultationsRequest,
  PublicConsultationRequest,
  PublishRegionTextsRequest,
  PublishTextsRequest,
  PublicRespondRequest,
  RegionConsultationIdRequest,
  RegionResultsRequest,
  RespondRequest,
  ResultsRequest,
  UpdateConsultationRequest,
  UpdateRegionConsultationRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { ConsultationRoutes } from './consultation-routes.service';
import { ResponsesService } from './responses.service';
import { PublicResponsesService } from './public-responses.service';

/** NATS handlers: one-line delegations; the gate and the rules live in the services. */
@MessageController()
export class ConsultationsController {
  constructor(
    private readonly gate: ConsultationRoutes,
    private readonly responses: ResponsesService,
    private readonly publicResponses: PublicResponsesService,
  ) {}

  @Answer(S.createConsultation) create(
    @Ctx() ctx: RequestContext,
    @Data(CreateConsultationRequest) d: CreateConsultationRequest,
  ) {
    return this.gate.create(ctx, d);
  }

  @Answer(S.listConsultations) list(
    @Ctx() ctx: RequestContext,
    @Data(ListConsultationsRequest) d: ListConsultationsRequest,
  ) {
    return this.gate.list(ctx, d);
  }

  @Answer(S.getConsultation) get(
    @Ctx() ctx: RequestContext,
    @Data(ConsultationIdRequest) d: ConsultationIdRequest,
  ) {
    return this.gate.get(ctx, d);
  }

  @Answer(S.updateConsultation) update(
    @Ctx() ctx: RequestContext,
    @Data(UpdateConsultationRequest) d: UpdateConsultationRequest,
  ) {
    return this.gate.update(ctx, d);
  }

  @Answer(S.openConsultation) open(
    @Ctx() ctx: RequestContext,
    @Data(ConsultationIdRequest) d: ConsultationIdRequest,
  ) {
    return this.gate.lifecycle(ctx, d, 'open');
  }

  @Answer(S.closeConsultation) close(
    @Ctx() ctx: RequestContext,
    @Data(ConsultationIdRequest) d: ConsultationIdRequest,
  ) {
    return this.gate.lifecycle(ctx, d, 'close');
  }

  @Answer(S.consultationResults) results(
    @Ctx() ctx: RequestContext,
    @Data(ResultsRequest) d: ResultsRequest,
  ) {
    return this.gate.results(ctx, d);
  }

  @Answer(S.createRegionConsultation) createInRegion(
    @Ctx() ctx: RequestContext,
    @Data(CreateRegionConsultationRequest) d: CreateRegionConsultationRequest,
  ) {
    return this.gate.createInRegion(ctx, d);
  }

  @Answer(S.listRegionConsultations) listInRegion(
    @Ctx() ctx: RequestContext,
    @Data(ListRegionConsultationsRequest) d: ListRegionConsultationsRequest,
  ) {
    return this.gate.listInRegion(ctx, d);
  }

  @Answer(S.getRegionConsultation) getInRegion(
    @Ctx() ctx: RequestContext,
    @Data(RegionConsultationIdRequest) d: RegionConsultationIdRequest,
  ) {
    return this.gate.getInRegion(ctx, d);
  }

  @Answer(S.updateRegionConsultation) updateInRegion(
    @Ctx() ctx: RequestContext,
    @Data(UpdateRegionConsultationRequest) d: UpdateRegionConsultationRequest,
  ) {
    return this.gate.updateInRegion(ctx, d);
  }

  @Answer(S.openRegionConsultation) openInRegion(
    @Ctx() ctx: RequestContext,
    @Data(RegionConsultationIdRequest) d: RegionConsultationIdRequest,
  ) {
    return this.gate.lifecycleInRegion(ctx, d, 'open');
  }

  @Answer(S.closeRegionConsultation) closeInRegion(
    @Ctx() ctx: RequestContext,
    @Data(RegionConsultationIdRequest) d: RegionConsultationIdRequest,
  ) {
    return this.gate.lifecycleInRegion(ctx, d, 'close');
  }

  @Answer(S.regionConsultationResults) resultsInRegion(
    @Ctx() ctx: RequestContext,
    @Data(RegionResultsRequest) d: RegionResultsRequest,
  ) {
    return this.gate.resultsInRegion(ctx, d);
  }

  @Answer(S.respond) respond(@Ctx() ctx: RequestContext, @Data(RespondRequest) d: RespondRequest) {
    return this.responses.respond(ctx, d);
  }

  @Answer(S.publishTexts) publishTexts(
    @Ctx() ctx: RequestContext,
    @Data(PublishTextsRequest) d: PublishTextsRequest,
  ) {
    return this.gate.publishTexts(ctx, d);
  }

  @Answer(S.publishRegionTexts) publishTextsInRegion(
    @Ctx() ctx: RequestContext,
    @Data(PublishRegionTextsRequest) d: PublishRegionTextsRequest,
  ) {
    return this.gate.publishTextsInRegion(ctx, d);
  }

  @Answer(S.getPublicConsultation) getPublic(@Data(PublicConsultationRequest) d: PublicConsultationRequest) {
    return this.publicResponses.get(d);
  }

  @Answer(S.respondInPublic) respondInPublic(@Data(PublicRespondRequest) d: PublicRespondRequest) {
    return this.publicResponses.respond(d);
  }
}
