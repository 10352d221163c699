import { Injectable, Logger } from '@nestjs/common';
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
import type { RegionId } from '@hearth/persistence';
import { authoriseInLero, authoriseInRegion, type Owner } from '../webhooks-access';
import { SubscriptionsService } from './subscriptions.service';
import { RegionLeros } from './region-leros.service';

/** Each route through its gate: a LERO's tenant-admins, a region's region-admins (ADR 0079). */
@Injectable()
export class WebhookRoutes {
  private readonly logger = new Logger(WebhookRoutes.name);

  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly leros: RegionLeros,
  ) {}

  private lero(ctx: RequestContext, tenantId: string, action: Action): Owner {
    return { tenantId: authoriseInLero(ctx.actor, tenantId, action, 'Webhook').tenantId };
  }

  private region(ctx: RequestContext, regionId: string, action: Action): { regionId: RegionId } {
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

  /** A region's subscription hears of every LERO of the region: the region's LEROs are learnt first (ADR 0082). */
  createInRegion = async (ctx: RequestContext, d: CreateRegionWebhookRequest) => {
    const owner = this.region(ctx, d.regionId, 'create');
    await this.leros.learn(ctx, owner.regionId);
    return this.subscriptions.create(owner, d);
  };
  /** Listing learns them again (a LERO the service missed since), and lists even if tenants cannot answer now. */
  listInRegion = async (ctx: RequestContext, d: ListRegionWebhooksRequest) => {
    const owner = this.region(ctx, d.regionId, 'read');
    const listed = await this.subscriptions.list(owner);
    if (listed.length > 0)
      await this.leros.learn(ctx, owner.regionId).catch((err: unknown) => {
        this.logger.warn(`The region's LEROs could not be learnt now: ${String(err)}`);
      });
    return listed;
  };
  removeInRegion = (ctx: RequestContext, d: RegionWebhookIdRequest) =>
    this.subscriptions.remove(this.region(ctx, d.regionId, 'delete'), d.subscriptionId);
  rotateInRegion = (ctx: RequestContext, d: RegionWebhookIdRequest) =>
    this.subscriptions.rotateSecret(this.region(ctx, d.regionId, 'update'), d.subscriptionId);
  deliveriesInRegion = (ctx: RequestContext, d: ListRegionWebhookDeliveriesRequest) =>
    this.subscriptions.deliveries(this.region(ctx, d.regionId, 'read'), d);
  replayInRegion = (ctx: RequestContext, d: RegionWebhookDeliveryIdRequest) =>
    this.subscriptions.replay(this.region(ctx, d.regionId, 'update'), d.deliveryId);
}
