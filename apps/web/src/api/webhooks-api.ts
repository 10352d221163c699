import type {
  CreateWebhookDto,
  Page,
  WebhookDeliveryView,
  WebhookView,
  WebhookWithSecretView,
} from '@hearth/contracts';
import type { CallContext, HearthApi } from './hearth-api';

/** Whose webhooks: a LERO's or a region's own. */
export interface WebhookOwner {
  kind: 'lero' | 'region';
  id: string;
}

/**
 * A LERO's or a region's webhook subscriptions and their delivery log (ADR 0079):
 * `/api/v1/tenants/{tenantId}/webhooks` or `/api/v1/regions/{regionId}/webhooks`.
 */
export class WebhooksApi {
  private readonly base: string;

  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
    owner: WebhookOwner,
  ) {
    this.base = `/api/v1/${owner.kind === 'lero' ? 'tenants' : 'regions'}/${encodeURIComponent(owner.id)}/webhooks`;
  }

  list = () => this.api.request<WebhookView[]>('GET', this.base, this.ctx);

  create = (dto: CreateWebhookDto) =>
    this.api.request<WebhookWithSecretView>('POST', this.base, this.ctx, dto);

  remove = (id: string) =>
    this.api.request<void>('DELETE', `${this.base}/${encodeURIComponent(id)}`, this.ctx);

  rotate = (id: string) =>
    this.api.request<WebhookWithSecretView>(
      'POST',
      `${this.base}/${encodeURIComponent(id)}/rotate-secret`,
      this.ctx,
    );

  /** The log's first page of 100. */
  deliveries = () =>
    this.api.request<Page<WebhookDeliveryView>>('GET', `${this.base}/deliveries?limit=100`, this.ctx);

  replay = (id: string) =>
    this.api.request<WebhookDeliveryView>(
      'POST',
      `${this.base}/deliveries/${encodeURIComponent(id)}/replay`,
      this.ctx,
    );
}
