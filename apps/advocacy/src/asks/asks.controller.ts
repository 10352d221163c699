import {
  AddAskUpdateRequest,
  AddRegionAskUpdateRequest,
  AdvocacySubjects as S,
  AskIdRequest,
  CreateAskRequest,
  CreateRegionAskRequest,
  ListAskConsultationsRequest,
  ListAsksRequest,
  ListRegionAsksRequest,
  PublicLeroAsksRequest,
  PublicRegionAsksRequest,
  RegionAskIdRequest,
  UpdateAskRequest,
  UpdateRegionAskRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { AskRoutes } from './ask-routes.service';
import { PublicAsksService } from './public-asks.service';

/** NATS handlers of asks and the "you said, we did" pages: one-line delegations (ADR 0065). */
@MessageController()
export class AsksController {
  constructor(
    private readonly asks: AskRoutes,
    private readonly pages: PublicAsksService,
  ) {}

  @Answer(S.createAsk) create(@Ctx() ctx: RequestContext, @Data(CreateAskRequest) d: CreateAskRequest) {
    return this.asks.create(ctx, d);
  }

  @Answer(S.listAsks) list(@Ctx() ctx: RequestContext, @Data(ListAsksRequest) d: ListAsksRequest) {
    return this.asks.list(ctx, d);
  }

  @Answer(S.getAsk) get(@Ctx() ctx: RequestContext, @Data(AskIdRequest) d: AskIdRequest) {
    return this.asks.get(ctx, d);
  }

  @Answer(S.updateAsk) update(@Ctx() ctx: RequestContext, @Data(UpdateAskRequest) d: UpdateAskRequest) {
    return this.asks.update(ctx, d);
  }

  @Answer(S.addAskUpdate) addUpdate(
    @Ctx() ctx: RequestContext,
    @Data(AddAskUpdateRequest) d: AddAskUpdateRequest,
  ) {
    return this.asks.addUpdate(ctx, d);
  }

  @Answer(S.listAskConsultations) consultations(
    @Ctx() ctx: RequestContext,
    @Data(ListAskConsultationsRequest) d: ListAskConsultationsRequest,
  ) {
    return this.asks.consultations(ctx, d);
  }

  @Answer(S.createRegionAsk) createInRegion(
    @Ctx() ctx: RequestContext,
    @Data(CreateRegionAskRequest) d: CreateRegionAskRequest,
  ) {
    return this.asks.createInRegion(ctx, d);
  }

  @Answer(S.listRegionAsks) listInRegion(
    @Ctx() ctx: RequestContext,
    @Data(ListRegionAsksRequest) d: ListRegionAsksRequest,
  ) {
    return this.asks.listInRegion(ctx, d);
  }

  @Answer(S.getRegionAsk) getInRegion(
    @Ctx() ctx: RequestContext,
    @Data(RegionAskIdRequest) d: RegionAskIdRequest,
  ) {
    return this.asks.getInRegion(ctx, d);
  }

  @Answer(S.updateRegionAsk) updateInRegion(
    @Ctx() ctx: RequestContext,
    @Data(UpdateRegionAskRequest) d: UpdateRegionAskRequest,
  ) {
    return this.asks.updateInRegion(ctx, d);
  }

  @Answer(S.addRegionAskUpdate) addUpdateInRegion(
    @Ctx() ctx: RequestContext,
    @Data(AddRegionAskUpdateRequest) d: AddRegionAskUpdateRequest,
  ) {
    return this.asks.addUpdateInRegion(ctx, d);
  }

  @Answer(S.publicLeroAsks) ofLero(
    @Ctx() ctx: RequestContext,
    @Data(PublicLeroAsksRequest) d: PublicLeroAsksRequest,
  ) {
    return this.pages.ofLero(ctx, d);
  }

  @Answer(S.publicRegionAsks) ofRegion(
    @Ctx() ctx: RequestContext,
    @Data(PublicRegionAsksRequest) d: PublicRegionAsksRequest,
  ) {
    return this.pages.ofRegion(ctx, d);
  }
}
