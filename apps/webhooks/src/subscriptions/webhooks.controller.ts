import {
  CreateRegionWebhookRequest,
  CreateWebhookRequest,
  ListRegionWebhookDeliveriesRequest,
  ListRegionWebhooksRequest,
  ListWebhookDeliveriesRequest,
  ListWebhooksRequest,
  RegionWebhookDeliveryIdRequest,
  RegionWebhookIdRequest,
  WebhookDeliveryIdRequest,
  WebhookIdRequest,
  WebhooksSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { WebhookRoutes } from './webhook-routes.service';

/** NATS handlers of webhook subscriptions and their delivery log, a LERO's and a region's (ADR 0079). */
@MessageController()
export class WebhooksController {
  constructor(private readonly routes: WebhookRoutes) {}

  @Answer(S.createSubscription) create(
    @Ctx() ctx: RequestContext,
    @Data(CreateWebhookRequest) d: CreateWebhookRequest,
  ) {
    return this.routes.create(ctx, d);
  }

  @Answer(S.listSubscriptions) list(
    @Ctx() ctx: RequestContext,
    @Data(ListWebhooksRequest) d: ListWebhooksRequest,
  ) {
    return this.routes.list(ctx, d);
  }

  @Answer(S.deleteSubscription) remove(
    @Ctx() ctx: RequestContext,
    @Data(WebhookIdRequest) d: WebhookIdRequest,
  ) {
    return this.routes.remove(ctx, d);
  }

  @Answer(S.rotateSecret) rotate(@Ctx() ctx: RequestContext, @Data(WebhookIdRequest) d: WebhookIdRequest) {
    return this.routes.rotate(ctx, d);
  }

  @Answer(S.listDeliveries) deliveries(
    @Ctx() ctx: RequestContext,
    @Data(ListWebhookDeliveriesRequest) d: ListWebhookDeliveriesRequest,
  ) {
    return this.routes.deliveries(ctx, d);
  }

  @Answer(S.replayDelivery) replay(
    @Ctx() ctx: RequestContext,
    @Data(WebhookDeliveryIdRequest) d: WebhookDeliveryIdRequest,
  ) {
    return this.routes.replay(ctx, d);
  }

  @Answer(S.createRegionSubscription) createInRegion(
    @Ctx() ctx: RequestContext,
    @Data(CreateRegionWebhookRequest) d: CreateRegionWebhookRequest,
  ) {
    return this.routes.createInRegion(ctx, d);
  }

  @Answer(S.listRegionSubscriptions) listInRegion(
    @Ctx() ctx: RequestContext,
    @Data(ListRegionWebhooksRequest) d: ListRegionWebhooksRequest,
  ) {
    return this.routes.listInRegion(ctx, d);
  }

  @Answer(S.deleteRegionSubscription) removeInRegion(
    @Ctx() ctx: RequestContext,
    @Data(RegionWebhookIdRequest) d: RegionWebhookIdRequest,
  ) {
    return this.routes.removeInRegion(ctx, d);
  }

  @Answer(S.rotateRegionSecret) rotateInRegion(
    @Ctx() ctx: RequestContext,
    @Data(RegionWebhookIdRequest) d: RegionWebhookIdRequest,
  ) {
    return this.routes.rotateInRegion(ctx, d);
  }

  @Answer(S.listRegionDeliveries) deliveriesInRegion(
    @Ctx() ctx: RequestContext,
    @Data(ListRegionWebhookDeliveriesRequest) d: ListRegionWebhookDeliveriesRequest,
  ) {
    return this.routes.deliveriesInRegion(ctx, d);
  }

  @Answer(S.replayRegionDelivery) replayInRegion(
    @Ctx() ctx: RequestContext,
    @Data(RegionWebhookDeliveryIdRequest) d: RegionWebhookDeliveryIdRequest,
  ) {
    return this.routes.replayInRegion(ctx, d);
  }
}
