import {
  CreateWebhookRequest,
  ListWebhookDeliveriesRequest,
  ListWebhooksRequest,
  WebhookDeliveryIdRequest,
  WebhookIdRequest,
  WebhooksSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { SubscriptionsService } from './subscriptions.service';

/** NATS handlers of webhook subscriptions and their delivery log: one-line delegations (ADR 0079). */
@MessageController()
export class WebhooksController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Answer(S.createSubscription) create(
    @Ctx() ctx: RequestContext,
    @Data(CreateWebhookRequest) d: CreateWebhookRequest,
  ) {
    return this.subscriptions.create(ctx, d);
  }

  @Answer(S.listSubscriptions) list(
    @Ctx() ctx: RequestContext,
    @Data(ListWebhooksRequest) d: ListWebhooksRequest,
  ) {
    return this.subscriptions.list(ctx, d);
  }

  @Answer(S.deleteSubscription) remove(
    @Ctx() ctx: RequestContext,
    @Data(WebhookIdRequest) d: WebhookIdRequest,
  ) {
    return this.subscriptions.remove(ctx, d);
  }

  @Answer(S.rotateSecret) rotate(@Ctx() ctx: RequestContext, @Data(WebhookIdRequest) d: WebhookIdRequest) {
    return this.subscriptions.rotateSecret(ctx, d);
  }

  @Answer(S.listDeliveries) deliveries(
    @Ctx() ctx: RequestContext,
    @Data(ListWebhookDeliveriesRequest) d: ListWebhookDeliveriesRequest,
  ) {
    return this.subscriptions.deliveries(ctx, d);
  }

  @Answer(S.replayDelivery) replay(
    @Ctx() ctx: RequestContext,
    @Data(WebhookDeliveryIdRequest) d: WebhookDeliveryIdRequest,
  ) {
    return this.subscriptions.replay(ctx, d);
  }
}
