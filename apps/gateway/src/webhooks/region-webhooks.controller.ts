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
import {
  BAD_URL,
  LOG_DESCRIPTION,
  REPLAY_DESCRIPTION,
  ROTATE_DESCRIPTION,
  SUBSCRIBE_DESCRIPTION,
  SUBSCRIPTION_SHAPE,
} from './webhook-docs';

const WHO = 'The region’s admins.';
const NOT_ADMIN =
  '403 for the region’s commissioners and directory curators; 404 for a region you do not work in (another region’s staff, platform admins, a LERO’s people).';

/** A region's own webhook subscriptions, to its LEROs' events, and their delivery log (ADR 0079). */
@ApiTag('webhooks')
@ApiBearerAuth()
@Controller('api/v1/regions/:regionId/webhooks')
export class RegionWebhooksController {
  constructor(private readonly webhooks: WebhooksClient) {}

  @Post()
  @ApiDoc({
    summary: 'Subscribe a receiver to the region’s LEROs’ events, and the region’s own',
    description:
      'Every LERO of the region, as its own subscriptions do (the region’s LEROs are looked up first, so those ' +
      `from before webhooks existed are included), and the region’s own types. ${SUBSCRIBE_DESCRIPTION}`,
    who: WHO,
    errors: `${BAD_URL}; 503 when the region’s LEROs cannot be looked up just now; ${NOT_ADMIN}`,
  })
  @ApiContractBody(CreateWebhookDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Body(new ContractPipe(CreateWebhookDto)) dto: CreateWebhookDto,
  ) {
    return this.webhooks.createRegionSubscription(ctx, regionId, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The region’s webhook subscriptions',
    description: `Every subscription, oldest first, as ${SUBSCRIPTION_SHAPE}; never a secret.`,
    who: WHO,
    errors: NOT_ADMIN,
  })
  list(@Context() ctx: RequestContext, @UuidParam('regionId') regionId: string) {
    return this.webhooks.listRegionSubscriptions(ctx, regionId);
  }

  @Delete(':subscriptionId')
  @HttpCode(204)
  @ApiDoc({
    summary: 'Unsubscribe a region’s receiver',
    description: 'Nothing more is sent to it; its delivery log goes with it. Answers 204.',
    who: WHO,
    errors: `404 for a subscription not of this region; ${NOT_ADMIN}`,
  })
  async remove(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('subscriptionId') subscriptionId: string,
  ): Promise<void> {
    await this.webhooks.deleteRegionSubscription(ctx, regionId, subscriptionId);
  }

  @Post(':subscriptionId/rotate-secret')
  @ApiDoc({
    summary: 'Rotate a region subscription’s secret',
    description: ROTATE_DESCRIPTION,
    who: WHO,
    errors: `404 for a subscription not of this region; ${NOT_ADMIN}`,
  })
  rotate(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('subscriptionId') subscriptionId: string,
  ) {
    return this.webhooks.rotateRegionSecret(ctx, regionId, subscriptionId);
  }

  @Get('deliveries')
  @ApiDoc({
    summary: 'The region’s delivery log',
    description: LOG_DESCRIPTION,
    who: WHO,
    errors: `400 for a bad query; ${NOT_ADMIN}`,
  })
  @ApiContractQuery(ListWebhookDeliveriesQuery)
  deliveries(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Query(new ContractPipe(ListWebhookDeliveriesQuery)) query: ListWebhookDeliveriesQuery,
  ) {
    return this.webhooks.listRegionDeliveries(ctx, regionId, query);
  }

  @Post('deliveries/:deliveryId/replay')
  @ApiDoc({
    summary: 'Send a region’s delivery again',
    description: REPLAY_DESCRIPTION,
    who: WHO,
    errors: `404 for a delivery not of this region; 409 while an attempt to send it is in flight; ${NOT_ADMIN}`,
  })
  replay(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('deliveryId') deliveryId: string,
  ) {
    return this.webhooks.replayRegionDelivery(ctx, regionId, deliveryId);
  }
}
