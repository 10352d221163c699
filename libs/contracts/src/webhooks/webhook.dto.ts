import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery, TenantRequest, TenantRequestOf } from '../paging';

/**
 * The event types a subscription may ask for: facts about a LERO's or a region's public life that carry no
 * personal data (ADRs 0079, 0082). Their payloads hold ids, times and statuses only, never a member's id or a
 * person's name.
 */
export const WEBHOOK_EVENT_TYPES = [
  'session.scheduled',
  'session.cancelled',
  'activity.published',
  'directory.listing.changed',
  'report.released',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * The types only a region's subscription may ask for (ADR 0082): its directory's listings and its released
 * reports are the region's facts, not one LERO's, so a LERO's subscription to them is refused (`eventTypes`).
 */
export const REGION_ONLY_WEBHOOK_EVENT_TYPES = ['directory.listing.changed', 'report.released'] as const;
export const LERO_WEBHOOK_EVENT_TYPES = WEBHOOK_EVENT_TYPES.filter(
  (t) => !(REGION_ONLY_WEBHOOK_EVENT_TYPES as readonly string[]).includes(t),
);

/** Where a delivery is: waiting for its (next) attempt, delivered (a 2xx), or given up after the retry horizon. */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export class CreateWebhookDto {
  /** The receiver: an https:// address on the public internet. */
  @IsString()
  @MaxLength(2000)
  url!: string;

  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  eventTypes!: WebhookEventType[];

  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}

/** A subscription as its admins see it; the secret only once, when it is made or rotated. */
export interface WebhookView {
  id: string;
  url: string;
  eventTypes: WebhookEventType[];
  description: string | null;
  createdAt: string;
  /** Until when the previous secret still signs beside the current one (null: no rotation under way). */
  previousSecretUntil: string | null;
}

export interface WebhookWithSecretView extends WebhookView {
  /** `whsec_…` (Standard Webhooks): shown once, keep it in the receiver. */
  secret: string;
}

/** One message to one subscription, as its log shows it: never its signature or the secret. */
export interface WebhookDeliveryView {
  /** Also the `webhook-id` header: the same across retries and replays, so a receiver can drop repeats. */
  id: string;
  subscriptionId: string;
  eventType: WebhookEventType;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  payload: unknown;
}

export class ListWebhookDeliveriesQuery extends PageQuery {
  @IsOptional()
  @IsUUID('all')
  subscriptionId?: string;

  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;
}

export class CreateWebhookRequest extends TenantRequestOf(CreateWebhookDto) {}
export class ListWebhooksRequest extends TenantRequest {}
export class WebhookIdRequest extends TenantRequest {
  @IsUUID('all')
  subscriptionId!: string;
}
export class ListWebhookDeliveriesRequest extends TenantRequestOf(ListWebhookDeliveriesQuery) {}
export class WebhookDeliveryIdRequest extends TenantRequest {
  @IsUUID('all')
  deliveryId!: string;
}

/** The same messages about a region's own subscriptions: the region the path addresses instead of a LERO. */
export class CreateRegionWebhookRequest extends CreateWebhookDto {
  @IsUUID('all')
  regionId!: string;
}
export class ListRegionWebhooksRequest {
  @IsUUID('all')
  regionId!: string;
}
export class RegionWebhookIdRequest extends ListRegionWebhooksRequest {
  @IsUUID('all')
  subscriptionId!: string;
}
export class ListRegionWebhookDeliveriesRequest extends ListWebhookDeliveriesQuery {
  @IsUUID('all')
  regionId!: string;
}
export class RegionWebhookDeliveryIdRequest extends ListRegionWebhooksRequest {
  @IsUUID('all')
  deliveryId!: string;
}
