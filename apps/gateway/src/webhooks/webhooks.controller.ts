import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  CreateWebhookDto,
  ListWebhookDeliveriesQuery,
  WebhooksClient,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

const WHO = 'The LERO’s tenant-admins.';
const NOT_ADMIN =
  '403 for its coordinators, volunteers and members; 404 for other LEROs’ people and region staff.';
const SUBSCRIPTION_SHAPE =
  '`{id, url, eventTypes, description, createdAt, previousSecretUntil}` (`previousSecretUntil`: until when the ' +
  'previous secret still signs beside the new one, null when no rotation is under way)';
const DELIVERY_SHAPE =
  '`{id, subscriptionId, eventType, status: pending | delivered | failed, attempts, lastStatusCode, lastError, ' +
  'nextAttemptAt, createdAt, deliveredAt, payload}`';

/** A LERO's webhook subscriptions and their delivery log (ADR 0079). */
@ApiTag('webhooks')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksClient) {}

  @Post()
  @ApiDoc({
    summary: 'Subscribe a receiver',
    description:
      '`{url, eventTypes: (session.cancelled | activity.published)[], description?}`: an https:// address on the ' +
      'public internet. Each event of those types is POSTed to it as `{type, timestamp, data}` (ids, times, ' +
      'categories; never a person), with the Standard Webhooks headers `webhook-id` (the same across retries), ' +
      '`webhook-timestamp` and `webhook-signature`. Answers ' +
      `${SUBSCRIPTION_SHAPE} and \`secret\` (\`whsec_…\`), shown this once: verify signatures with it.`,
    who: WHO,
    errors: `400 naming \`url\` for an address that is not https:// or leads to a private, loopback or link-local address; ${NOT_ADMIN}`,
  })
  @ApiContractBody(CreateWebhookDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(CreateWebhookDto)) dto: CreateWebhookDto,
  ) {
    return this.webhooks.createSubscription(ctx, tenantId, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The LERO’s webhook subscriptions',
    description: `Every subscription, oldest first, as ${SUBSCRIPTION_SHAPE}; never a secret.`,
    who: WHO,
    errors: NOT_ADMIN,
  })
  list(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.webhooks.listSubscriptions(ctx, tenantId);
  }

  @Delete(':subscriptionId')
  @HttpCode(204)
  @ApiDoc({
    summary: 'Unsubscribe a receiver',
    description: 'Nothing more is sent to it; its delivery log goes with it. Answers 204.',
    who: WHO,
    errors: `404 for a subscription not of this LERO; ${NOT_ADMIN}`,
  })
  async remove(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('subscriptionId') subscriptionId: string,
  ): Promise<void> {
    await this.webhooks.deleteSubscription(ctx, tenantId, subscriptionId);
  }

  @Post(':subscriptionId/rotate-secret')
  @ApiDoc({
    summary: 'Rotate a subscription’s secret',
    description:
      'A new secret signs from now; for a grace period (24 hours by default) each delivery carries a signature ' +
      'with the previous secret too, so the receiver can switch without losing a message. Answers the ' +
      'subscription with its new `secret`, shown this once.',
    who: WHO,
    errors: `404 for a subscription not of this LERO; ${NOT_ADMIN}`,
  })
  rotate(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('subscriptionId') subscriptionId: string,
  ) {
    return this.webhooks.rotateSecret(ctx, tenantId, subscriptionId);
  }

  @Get('deliveries')
  @ApiDoc({
    summary: 'The delivery log',
    description:
      `A page of deliveries, newest first (\`limit\` 50 unless given, at most 100), as ${DELIVERY_SHAPE}; ` +
      '`subscriptionId` and `status` narrow it. A failing delivery is retried with backoff for at least 24 hours, ' +
      'then `failed`.',
    who: WHO,
    errors: `400 for a bad query; ${NOT_ADMIN}`,
  })
  @ApiContractQuery(ListWebhookDeliveriesQuery)
  deliveries(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListWebhookDeliveriesQuery)) query: ListWebhookDeliveriesQuery,
  ) {
    return this.webhooks.listDeliveries(ctx, tenantId, query);
  }

  @Post('deliveries/:deliveryId/replay')
  @ApiDoc({
    summary: 'Send a delivery again',
    description:
      'Queues the delivery for sending at once, with its retries afresh and the same `webhook-id` (a receiver ' +
      `that has it can drop it). Answers ${DELIVERY_SHAPE}, \`pending\`.`,
    who: WHO,
    errors: `404 for a delivery not of this LERO; ${NOT_ADMIN}`,
  })
  replay(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('deliveryId') deliveryId: string,
  ) {
    return this.webhooks.replayDelivery(ctx, tenantId, deliveryId);
  }
}
