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
import {
  BAD_URL,
  REGION_ONLY,
  LOG_DESCRIPTION,
  REPLAY_DESCRIPTION,
  ROTATE_DESCRIPTION,
  SUBSCRIBE_DESCRIPTION,
  SUBSCRIPTION_SHAPE,
} from './webhook-docs';

const WHO = 'The LERO’s tenant-admins.';
const NOT_ADMIN =
  '403 for its coordinators, volunteers and members; 404 for other LEROs’ people and region staff.';

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
    description: SUBSCRIBE_DESCRIPTION,
    who: WHO,
    errors: `${BAD_URL}; ${REGION_ONLY}; ${NOT_ADMIN}`,
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
    description: ROTATE_DESCRIPTION,
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
    description: LOG_DESCRIPTION,
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
    description: REPLAY_DESCRIPTION,
    who: WHO,
    errors: `404 for a delivery not of this LERO; 409 while an attempt to send it is in flight; ${NOT_ADMIN}`,
  })
  replay(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('deliveryId') deliveryId: string,
  ) {
    return this.webhooks.replayDelivery(ctx, tenantId, deliveryId);
  }
}
