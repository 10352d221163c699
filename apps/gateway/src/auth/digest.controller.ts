import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  DigestSettingDto,
  DigestUnsubscribeDto,
  TenantsClient,
  type RequestContext,
} from '@hearth/contracts';
import { Public } from '@hearth/auth';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context } from '../http/request-context';
import { UNSUBSCRIBE_RATE_LIMIT } from './auth.controller';

const VIEW =
  'Answers `{enabled, eligible}`: whether you get the weekly summary email, and whether you hold a role that has one (a LERO’s coordinator: its sessions in the next 7 days, waiting lists, volunteers’ training and checks expiring in the next 30 days, as counts; a directory curator: the region’s listings due for review). Nothing is sent in a week with nothing to tell, nor without email configured.';

/** The weekly summary email (ADR 0083): your own choice, and the emailed unsubscribe link. */
@ApiTag('auth')
@Controller('api/v1')
export class DigestController {
  constructor(private readonly tenants: TenantsClient) {}

  @ApiBearerAuth()
  @Get('me/digest')
  @ApiDoc({
    summary: 'Whether you get the weekly summary email',
    description: VIEW,
    who: 'Anyone signed in, for their own account.',
    errors: '401 `AccountDisabled` once the account is disabled.',
  })
  get(@Context() ctx: RequestContext) {
    return this.tenants.getDigestSetting(ctx);
  }

  @ApiBearerAuth()
  @Patch('me/digest')
  @ApiDoc({
    summary: 'Turn the weekly summary email on or off',
    description: `\`{enabled}\`. Turning it off holds at once: a summary still waiting to be sent is not sent. ${VIEW}`,
    who: 'Anyone signed in, for their own account (on by default).',
    errors:
      '400 on `enabled` unless it is true or false; 401 `AccountDisabled` once the account is disabled.',
  })
  @ApiContractBody(DigestSettingDto)
  set(@Context() ctx: RequestContext, @Body(new ContractPipe(DigestSettingDto)) dto: DigestSettingDto) {
    return this.tenants.setDigestSetting(ctx, dto);
  }

  @Public()
  @Post('auth/digest-unsubscribe')
  @HttpCode(204)
  @RouteConfig(UNSUBSCRIBE_RATE_LIMIT)
  @ApiDoc({
    summary: 'Stop the weekly summary email with its unsubscribe link',
    description:
      '`{token}` from the link in a summary email. Turns the summary off for the account at once (a summary still waiting to be sent is not sent); using the link again changes nothing. Answers 204. The web app’s `/digest/unsubscribe` page asks first, and its `/digest/unsubscribe/one-click` answers mail programs’ one-click unsubscribe (RFC 8058).',
    who: 'Anyone holding the link (no access token needed). Rate limited per client address: 600 a minute (a mail provider’s one-click unsubscribes come from its own servers).',
    errors: '400 `DigestLinkUnknown` on `token` for a token that is not an unsubscribe link.',
  })
  @ApiContractBody(DigestUnsubscribeDto)
  async unsubscribe(
    @Context() ctx: RequestContext,
    @Body(new ContractPipe(DigestUnsubscribeDto)) dto: DigestUnsubscribeDto,
  ): Promise<void> {
    await this.tenants.digestUnsubscribe(ctx, dto);
  }
}
