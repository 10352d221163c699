import { Injectable } from '@nestjs/common';
import type {
  CreateRegionWebhookRequest,
  CreateWebhookRequest,
  ListRegionWebhookDeliveriesRequest,
  ListRegionWebhooksRequest,
  ListWebhookDeliveriesRequest,
  ListWebhooksRequest,
  RegionWebhookDeliveryIdRequest,
  RegionWebhookIdRequest,
  RequestContext,
  WebhookDeliveryIdRequest,
  WebhookIdRequest,
} from '@hearth/contracts';
import type { Action } from '@hearth/auth';
import { authoriseInLero, authoriseInRegion, type Owner } from '../webhooks-access';
import { SubscriptionsService } from './subscriptions.service';

/** Each route through its gate: a LERO's tenant-admins, a region's region-admins (ADR 0079). */
@Injectable()
export class WebhookRoutes {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  private lero(ctx: RequestContext, tenantId: string, action: Action): Owner {
    return { tenantId: authoriseInLero(ctx.actor, tenantId, action, 'Webhook').tenantId };
  }

  private region(ctx: RequestContext, regionId: string, action: Action): Owner {
    return { regionId: authoriseInRegion(ctx.actor, regionId, action, 'Webhook').regionId };
  }

  create = (ctx: RequestContext, d: CreateWebhookRequest) =>
    this.subscriptions.create(this.lero(ctx, d.tenantId, 'create'), d);
  list = (ctx: RequestContext, d: ListWebhooksRequest) =>
    this.subscriptions.list(this.lero(ctx, d.tenantId, 'read'));
  remove = (ctx: RequestContext, d: WebhookIdRequest) =>
    this.subscriptions.remove(this.lero(ctx, d.tenantId, 'delete'), d.subscriptionId);
  rotate = (ctx: RequestContext, d: WebhookIdRequest) =>
    this.subscriptions.rotateSecret(this.lero(ctx, d.tenantId, 'update'), d.subscriptionId);
  deliveries = (ctx: RequestContext, d: ListWebhookDeliveriesRequest) =>
    this.subscriptions.deliveries(this.lero(ctx, d.tenantId, 'read'), d);
  replay = (ctx: RequestContext, d: WebhookDeliveryIdRequest) =>
    this.subscriptions.replay(this.lero(ctx, d.tenantId, 'update'), d.deliveryId);

  createInRegion = (ctx: RequestContext, d: CreateRegionWebhookRequest) =>
    this.subscriptions.create(this.region(ctx, d.regionId, 'create'), d);
  listInRegion = (ctx: RequestContext, d: ListRegionWebhooksRequest) =>
    this.subscriptions.list(this.region(ctx, d.regionId, 'read'));
  removeInRegion = (ctx: RequestContext, d: RegionWebhookIdRequest) =>
    this.subscriptions.remove(this.region(ctx, d.regionId, 'delete'), d.subscriptionId);
  rotateInRegion = (ctx: RequestContext, d: RegionWebhookIdRequest) =>
    this.subscriptions.rotateSecret(this.region(ctx, d.regionId, 'update'), d.subscriptionId);
  deliveriesInRegion = (ctx: RequestContext, d: ListRegionWebhookDeliveriesRequest) =>
    this.subscriptions.deliveries(this.region(ctx, d.regionId, 'read'), d);
  replayInRegion = (ctx: RequestContext, d: RegionWebhookDeliveryIdRequest) =>
    this.subscriptions.replay(this.region(ctx, d.regionId, 'update'), d.deliveryId);
}
