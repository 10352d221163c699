import type { RequestContext } from '../envelope';
import type { Requester } from '../requester';
import type { Page } from '../paging';
import { WebhooksSubjects as S } from './subjects';
import type {
  CreateWebhookDto,
  ListWebhookDeliveriesQuery,
  WebhookDeliveryView,
  WebhookView,
  WebhookWithSecretView,
} from './webhook.dto';

/** The typed face of the webhooks service for its callers (the gateway). */
export class WebhooksClient {
  constructor(private readonly bus: Requester) {}

  createSubscription = (ctx: RequestContext, tenantId: string, dto: CreateWebhookDto) =>
    this.bus.request<WebhookWithSecretView>(S.createSubscription, ctx, { ...dto, tenantId });
  listSubscriptions = (ctx: RequestContext, tenantId: string) =>
    this.bus.request<WebhookView[]>(S.listSubscriptions, ctx, { tenantId });
  deleteSubscription = (ctx: RequestContext, tenantId: string, subscriptionId: string) =>
    this.bus.request<{ deleted: true }>(S.deleteSubscription, ctx, { tenantId, subscriptionId });
  rotateSecret = (ctx: RequestContext, tenantId: string, subscriptionId: string) =>
    this.bus.request<WebhookWithSecretView>(S.rotateSecret, ctx, { tenantId, subscriptionId });
  listDeliveries = (ctx: RequestContext, tenantId: string, query: ListWebhookDeliveriesQuery) =>
    this.bus.request<Page<WebhookDeliveryView>>(S.listDeliveries, ctx, { ...query, tenantId });
  replayDelivery = (ctx: RequestContext, tenantId: string, deliveryId: string) =>
    this.bus.request<WebhookDeliveryView>(S.replayDelivery, ctx, { tenantId, deliveryId });

  createRegionSubscription = (ctx: RequestContext, regionId: string, dto: CreateWebhookDto) =>
    this.bus.request<WebhookWithSecretView>(S.createRegionSubscription, ctx, { ...dto, regionId });
  listRegionSubscriptions = (ctx: RequestContext, regionId: string) =>
    this.bus.request<WebhookView[]>(S.listRegionSubscriptions, ctx, { regionId });
  deleteRegionSubscription = (ctx: RequestContext, regionId: string, subscriptionId: string) =>
    this.bus.request<{ deleted: true }>(S.deleteRegionSubscription, ctx, { regionId, subscriptionId });
  rotateRegionSecret = (ctx: RequestContext, regionId: string, subscriptionId: string) =>
    this.bus.request<WebhookWithSecretView>(S.rotateRegionSecret, ctx, { regionId, subscriptionId });
  listRegionDeliveries = (ctx: RequestContext, regionId: string, query: ListWebhookDeliveriesQuery) =>
    this.bus.request<Page<WebhookDeliveryView>>(S.listRegionDeliveries, ctx, { ...query, regionId });
  replayRegionDelivery = (ctx: RequestContext, regionId: string, deliveryId: string) =>
    this.bus.request<WebhookDeliveryView>(S.replayRegionDelivery, ctx, { regionId, deliveryId });
}
