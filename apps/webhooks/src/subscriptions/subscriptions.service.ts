import { Inject, Injectable } from '@nestjs/common';
import { uuidv7 } from 'uuidv7';
import {
  AppError,
  notFound,
  REGION_ONLY_WEBHOOK_EVENT_TYPES,
  type CreateWebhookDto,
  type ListWebhookDeliveriesQuery,
  type Page,
  type WebhookDeliveryView,
  type WebhookView,
  type WebhookWithSecretView,
} from '@hearth/contracts';
import { decodeCursor, pageOf } from '@hearth/persistence';
import type { Owner } from '../webhooks-access';
import { DEFAULT_ROTATION_GRACE_MS, WEBHOOKS_OPTIONS, type WebhooksOptions } from '../webhooks.options';
import { checkReceiverUrl } from '../deliveries/receiver-address';
import { newSecret } from '../deliveries/signing';
import { WebhookSecretCipher } from '../deliveries/secret-cipher';
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

/**
 * A LERO's or a region's webhook subscriptions, their secrets and their delivery log (ADR 0079), for an owner the
 * gate has already authorised (`WebhookRoutes`).
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly repo: SubscriptionsRepository,
    private readonly cipher: WebhookSecretCipher,
    @Inject(WEBHOOKS_OPTIONS) private readonly options: WebhooksOptions,
  ) {}

  async create(owner: Owner, d: CreateWebhookDto): Promise<WebhookWithSecretView> {
    const regionOnly = d.eventTypes.filter((t) =>
      (REGION_ONLY_WEBHOOK_EVENT_TYPES as readonly string[]).includes(t),
    );
    if (owner.tenantId && regionOnly.length > 0) {
      const message = `${regionOnly.join(', ')}: a region's subscriptions only`;
      throw new AppError('VALIDATION', `Invalid eventTypes: ${message}.`, {
        errors: [{ field: 'eventTypes', message }],
      });
    }
    const url = await checkReceiverUrl(d.url, this.options);
    const secret = newSecret();
    const id = uuidv7();
    const row = await this.repo.create(owner, {
      id,
      url,
      event_types: [...new Set(d.eventTypes)],
      description: d.description?.trim() || null,
      secret: this.cipher.encrypt(secret, id),
      previous_secret: null,
      previous_secret_until: null,
    });
    return { ...viewOf(row, new Date()), secret };
  }

  async list(owner: Owner): Promise<WebhookView[]> {
    const now = new Date();
    return (await this.repo.list(owner)).map((r) => viewOf(r, now));
  }

  async remove(owner: Owner, subscriptionId: string): Promise<{ deleted: true }> {
    if (!(await this.repo.remove(owner, subscriptionId))) throw notFound('Webhook');
    return { deleted: true };
  }

  async rotateSecret(owner: Owner, subscriptionId: string): Promise<WebhookWithSecretView> {
    const now = new Date();
    const until = new Date(now.getTime() + (this.options.rotationGraceMs ?? DEFAULT_ROTATION_GRACE_MS));
    const secret = newSecret();
    const row = await this.repo.rotate(
      owner,
      subscriptionId,
      this.cipher.encrypt(secret, subscriptionId),
      until,
    );
    if (!row) throw notFound('Webhook');
    return { ...viewOf(row, now), secret };
  }

  async deliveries(owner: Owner, q: ListWebhookDeliveriesQuery): Promise<Page<WebhookDeliveryView>> {
    const limit = q.limit ?? 50;
    const rows = await this.repo.deliveries(owner, {
      subscriptionId: q.subscriptionId,
      status: q.status,
      before: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit,
    });
    return pageOf(rows, limit, deliveryViewOf);
  }

  async replay(owner: Owner, deliveryId: string): Promise<WebhookDeliveryView> {
    const now = new Date();
    const row = await this.repo.replay(owner, deliveryId, now);
    if (row) return deliveryViewOf(row);
    // Not replayed: missing (or another owner's), or an attempt is in flight, which must not be doubled (ADR 0082).
    if (await this.repo.leased(owner, deliveryId, now))
      throw new AppError(
        'CONFLICT',
        'The delivery is being sent just now; replay it once this attempt is logged.',
      );
    throw notFound('Delivery');
  }
}
