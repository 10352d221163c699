import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { MembershipClient, UnsubscribeRemindersDto, type RequestContext } from '@hearth/contracts';
import { Public } from '@hearth/auth';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context } from '../http/request-context';
import { UNSUBSCRIBE_RATE_LIMIT } from '../auth/auth.controller';

/** No sign-in: a session reminder's "stop these reminders" link (ADR 0081). */
@ApiTag('public')
@Public()
@Controller('api/v1/public')
export class PublicUnsubscribeController {
  constructor(private readonly membership: MembershipClient) {}

  @Post('unsubscribe')
  @HttpCode(204)
  @RouteConfig(UNSUBSCRIBE_RATE_LIMIT)
  @ApiDoc({
    summary: 'Stop session reminders with the link from a reminder',
    description:
      '`{token}`: the token of the link at the foot of a session reminder (`/unsubscribe?token=` on the web app, ' +
      'which also takes the one-click unsubscribe of RFC 8058). From this moment that member gets no reminders: ' +
      'their choice becomes `none` and reminders still waiting to be sent are dropped. A member can choose ' +
      'reminders again on their own page (`PATCH /api/v1/tenants/{tenantId}/me` `{reminders: "email"}`). Answers ' +
      '204 for a token Hearth holds, used before or not. A link is kept while its member still has reminders; ' +
      'once they have none (or are erased) it is pruned after `RETENTION_EMAILS`.',
    who: 'Anyone holding the link (no token needed). Rate limited per client address, as sign-in is.',
    errors:
      '400 on `token` when it is not a reminder link’s token; 400 `UnsubscribeLinkUnknown` on `token` for a ' +
      'well-formed token Hearth does not hold (never issued, or pruned): nothing changed. Tokens are 256 random ' +
      'bits, so this tells nobody whose a token is.',
  })
  @ApiContractBody(UnsubscribeRemindersDto)
  async unsubscribe(
    @Context() ctx: RequestContext,
    @Body(new ContractPipe(UnsubscribeRemindersDto)) dto: UnsubscribeRemindersDto,
  ): Promise<void> {
    await this.membership.unsubscribeReminders(ctx, dto);
  }
}
