import { Inject, Injectable } from '@nestjs/common';
import { uuidv7 } from 'uuidv7';
import {
  notFound,
  type CreateWebhookRequest,
  type ListWebhookDeliveriesRequest,
  type ListWebhooksRequest,
  type Page,
  type RequestContext,
  type WebhookDeliveryIdRequest,
  type WebhookDeliveryView,
  type WebhookIdRequest,
  type WebhookView,
  type WebhookWithSecretView,
} from '@hearth/contracts';
import { decodeCursor, pageOf } from '@hearth/persistence';
import { authoriseInLero } from '../webhooks-access';
import { DEFAULT_ROTATION_GRACE_MS, WEBHOOKS_OPTIONS, type WebhooksOptions } from '../webhooks.options';
import { checkReceiverUrl } from '../deliveries/receiver-address';
import { newSecret } from '../deliveries/signing';
import { SubscriptionsRepository, type DeliveryRow, type SubscriptionRow } from './subscriptions.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const viewOf = (r: SubscriptionRow, now: Date): WebhookView => ({
  id: r.id,
  url: r.url,
  eventTypes: r.event_types,
  description: r.description,
  createdAt: new Date(r.created_at).toISOString(),
  previousSecretUntil:
    r.previous_secret_until && new Date(r.previous_secret_until) > now ? iso(r.previous_secret_until) : null,
});

const deliveryViewOf = (r: DeliveryRow): WebhookDeliveryView => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  eventType: r.event_type,
  status: r.status,
  attempts: r.attempts,
  lastStatusCode: r.last_status_code,
  lastError: r.last_error,
  nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
  createdAt: new Date(r.created_at).toISOString(),
  deliveredAt: iso(r.delivered_at),
  payload: r.payload,
});

/** A LERO's webhook subscriptions, their secrets and their delivery log: its tenant-admins only (ADR 0079). */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly repo: SubscriptionsRepository,
    @Inject(WEBHOOKS_OPTIONS) private readonly options: WebhooksOptions,
  ) {}

  async create(ctx: RequestContext, d: CreateWebhookRequest): Promise<WebhookWithSecretView> {
    const { tenantId } = authoriseInLero(ctx.actor, d.tenantId, 'create', 'Webhook');
    const url = await checkReceiverUrl(d.url, this.options);
    const secret = newSecret();
    const row = await this.repo.create(tenantId, {
      id: uuidv7(),
      url,
      event_types: [...new Set(d.eventTypes)],
      description: d.description?.trim() || null,
      secret,
      previous_secret: null,
      previous_secret_until: null,
    });
    return { ...viewOf(row, new Date()), secret };
  }

  async list(ctx: RequestContext, d: ListWebhooksRequest): Promise<WebhookView[]> {
    const { tenantId } = authoriseInLero(ctx.actor, d.tenantId, 'read', 'Webhook');
    const now = new Date();
    return (await this.repo.list(tenantId)).map((r) => viewOf(r, now));
  }

  async remove(ctx: RequestContext, d: WebhookIdRequest): Promise<{ deleted: true }> {
    const { tenantId } = authoriseInLero(ctx.actor, d.tenantId, 'delete', 'Webhook');
    if (!(await this.repo.remove(tenantId, d.subscriptionId))) throw notFound('Webhook');
    return { deleted: true };
  }

  async rotateSecret(ctx: RequestContext, d: WebhookIdRequest): Promise<WebhookWithSecretView> {
    const { tenantId } = authoriseInLero(ctx.actor, d.tenantId, 'update', 'Webhook');
    const now = new Date();
    const until = new Date(now.getTime() + (this.options.rotationGraceMs ?? DEFAULT_ROTATION_GRACE_MS));
    const secret = newSecret();
    const row = await this.repo.rotate(tenantId, d.subscriptionId, secret, until);
    if (!row) throw notFound('Webhook');
    return { ...viewOf(row, now), secret };
  }

  async deliveries(ctx: RequestContext, d: ListWebhookDeliveriesRequest): Promise<Page<WebhookDeliveryView>> {
    const { tenantId } = authoriseInLero(ctx.actor, d.tenantId, 'read', 'Webhook');
    const limit = d.limit ?? 50;
    const rows = await this.repo.deliveries(tenantId, {
      subscriptionId: d.subscriptionId,
      status: d.status,
      before: d.cursor ? decodeCursor(d.cursor) : undefined,
      limit,
    });
    return pageOf(rows, limit, deliveryViewOf);
  }

  async replay(ctx: RequestContext, d: WebhookDeliveryIdRequest): Promise<WebhookDeliveryView> {
    const { tenantId } = authoriseInLero(ctx.actor, d.tenantId, 'update', 'Webhook');
    const row = await this.repo.replay(tenantId, d.deliveryId, new Date());
    if (!row) throw notFound('Delivery');
    return deliveryViewOf(row);
  }
}
