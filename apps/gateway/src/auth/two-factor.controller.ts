import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ConfirmTotpDto,
  DisableTwoFactorDto,
  RegenerateRecoveryCodesDto,
  SecondFactorDto,
  TenantsClient,
  type RequestContext,
} from '@hearth/contracts';
import { Public } from '@hearth/auth';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody } from '../http/api-contract';
import { Context } from '../http/request-context';
import { AUTH_RATE_LIMIT } from './auth.controller';

/** Two-factor sign-in (ADR 15): the second step of signing in, and a person's own set-up. */
@ApiTags('auth')
@Controller('api/v1/auth')
export class TwoFactorController {
  constructor(private readonly tenants: TenantsClient) {}

  @Public()
  @Post('login/second-factor')
  @HttpCode(200)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiOperation({
    summary: 'Complete a sign-in that answered `mfaRequired` (200 tokens)',
    description:
      '`{challenge, code}` (6 digits from the authenticator app) or `{challenge, recoveryCode}`. A code works once (401 `CodeReused`); a wrong one is 401 `WrongCode` / `WrongRecoveryCode` and counts toward the account’s sign-in throttle (429 `SignInThrottled`); an expired, used or unknown challenge 401 `ChallengeExpired`. A recovery code ends every other sign-in; the answer then has `recoveryCodesLeft`.',
  })
  @ApiContractBody(SecondFactorDto)
  secondFactor(
    @Context() ctx: RequestContext,
    @Body(new ContractPipe(SecondFactorDto)) dto: SecondFactorDto,
  ) {
    return this.tenants.secondFactor(ctx, dto);
  }

  @ApiBearerAuth()
  @Get('session')
  @ApiOperation({
    summary: 'The sign-in this access token belongs to: `{sessionId, endsAt}` while it lasts',
    description:
      '401 `SessionEnded` once it was signed out, revoked or has lapsed (the web app asks on every page).',
  })
  session(@Context() ctx: RequestContext) {
    return this.tenants.session(ctx);
  }

  @ApiBearerAuth()
  @Post('two-factor/totp')
  @ApiOperation({
    summary: 'Start setting up an authenticator app (201 `{secret, otpauthUri, qrCodeSvg, …}`)',
    description:
      'A new secret each time, replacing one not yet confirmed. An app already set up keeps working until a new one is confirmed.',
  })
  startTotp(@Context() ctx: RequestContext) {
    return this.tenants.startTotp(ctx);
  }

  @ApiBearerAuth()
  @Get('two-factor/totp')
  @ApiOperation({ summary: 'The authenticator app being set up, again (404 `NoTotpSetup` when none is)' })
  pendingTotp(@Context() ctx: RequestContext) {
    return this.tenants.pendingTotp(ctx);
  }

  @ApiBearerAuth()
  @Post('two-factor/totp/confirm')
  @HttpCode(200)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiOperation({
    summary: 'Confirm the app with its first code and your password (200 `{recoveryCodes, tokens}`)',
    description:
      'Two-factor sign-in is on (or the new app replaces the old one), with ten new recovery codes shown only now. Every sign-in ends and `tokens` is a new one that passed the second factor (an admin’s carries their admin roles). Wrong code: 400 `WrongCode`; wrong password: 400 `WrongPassword`.',
  })
  @ApiContractBody(ConfirmTotpDto)
  confirmTotp(@Context() ctx: RequestContext, @Body(new ContractPipe(ConfirmTotpDto)) dto: ConfirmTotpDto) {
    return this.tenants.confirmTotp(ctx, dto);
  }

  @ApiBearerAuth()
  @Post('two-factor/recovery-codes')
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiOperation({
    summary: 'New recovery codes (201 `{recoveryCodes}`); the old ones stop working',
    description:
      'Needs your password (400 `WrongPassword`); 409 `TwoFactorOff` when two-factor sign-in is off.',
  })
  @ApiContractBody(RegenerateRecoveryCodesDto)
  regenerateRecoveryCodes(
    @Context() ctx: RequestContext,
    @Body(new ContractPipe(RegenerateRecoveryCodesDto)) dto: RegenerateRecoveryCodesDto,
  ) {
    return this.tenants.regenerateRecoveryCodes(ctx, dto);
  }

  @ApiBearerAuth()
  @Post('two-factor/disable')
  @HttpCode(204)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiOperation({
    summary: 'Turn two-factor sign-in off (204): your password and a code or a recovery code',
    description:
      'Refused to anyone holding an admin role (403 `AdminNeedsTwoFactor`). Every other sign-in ends; this one stays.',
  })
  @ApiContractBody(DisableTwoFactorDto)
  async disable(
    @Context() ctx: RequestContext,
    @Body(new ContractPipe(DisableTwoFactorDto)) dto: DisableTwoFactorDto,
  ): Promise<void> {
    await this.tenants.disableTwoFactor(ctx, dto);
  }
}
