import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth } from '@nestjs/swagger';
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
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context } from '../http/request-context';
import { AUTH_RATE_LIMIT } from './auth.controller';

/** Two-factor sign-in (ADR 15): the second step of signing in, and a person's own set-up. */
@ApiTag('auth')
@Controller('api/v1/auth')
export class TwoFactorController {
  constructor(private readonly tenants: TenantsClient) {}

  @Public()
  @Post('login/second-factor')
  @HttpCode(200)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiDoc({
    summary: 'Complete a sign-in with a second factor',
    description:
      'For a sign-in that answered `mfaRequired`: `{challenge, code}` (6 digits from the authenticator app) or `{challenge, recoveryCode}`. Answers the tokens, as `POST /api/v1/auth/login` does without two-factor sign-in. A recovery code works once and ends every other sign-in; the answer then has `recoveryCodesLeft`.',
    who: 'Anyone holding a challenge from `POST /api/v1/auth/login` (no access token). Rate limited per client address.',
    errors:
      '401 `WrongCode` or `WrongRecoveryCode`, counted toward the account’s sign-in throttle (then 429 `SignInThrottled`); 401 `CodeReused` for a code already used (wait for the next one); 401 `ChallengeExpired` for an expired, used or unknown challenge: sign in again.',
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
  @ApiDoc({
    summary: 'Whether the sign-in of this access token still lasts',
    description:
      'Answers `{sessionId, endsAt}` while the sign-in lasts (`endsAt`: when it ends however often it is refreshed). An access token outlives a sign-out by up to its `expiresIn`; asking here tells at once (the web app asks on every page).',
    who: 'Anyone signed in, about their own token.',
    errors: '401 `SessionEnded` once the sign-in was signed out, revoked or has lapsed.',
  })
  session(@Context() ctx: RequestContext) {
    return this.tenants.session(ctx);
  }

  @ApiBearerAuth()
  @Post('two-factor/totp')
  @ApiDoc({
    summary: 'Start setting up an authenticator app',
    description:
      'Answers a new secret to put in the app: `{secret, otpauthUri, qrCodeSvg, …}`. Each call makes a new one, replacing one not yet confirmed; an app already set up keeps working until a new one is confirmed with `POST /api/v1/auth/two-factor/totp/confirm`.',
    who: 'Anyone signed in, for their own account. Admins (platform, region and tenant-admins) must, to use their admin role.',
  })
  startTotp(@Context() ctx: RequestContext) {
    return this.tenants.startTotp(ctx);
  }

  @ApiBearerAuth()
  @Get('two-factor/totp')
  @ApiDoc({
    summary: 'The authenticator app being set up, again',
    description:
      'The secret `POST /api/v1/auth/two-factor/totp` made and not yet confirmed, in the same shape (for a page reloaded while the person finds their phone).',
    who: 'Anyone signed in, for their own account.',
    errors: '404 `NoTotpSetup` when no app is being set up.',
  })
  pendingTotp(@Context() ctx: RequestContext) {
    return this.tenants.pendingTotp(ctx);
  }

  @ApiBearerAuth()
  @Post('two-factor/totp/confirm')
  @HttpCode(200)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiDoc({
    summary: 'Turn two-factor sign-in on: confirm the app with its first code',
    description:
      '`{code, currentPassword}`. Two-factor sign-in is on (or the new app replaces the old one). Answers `{recoveryCodes, tokens}`: ten new recovery codes, shown only now, and new tokens that passed the second factor (an admin’s carry their admin roles). Every sign-in of the account ends, this one’s too: carry on with `tokens`.',
    who: 'Anyone signed in, for their own account. Rate limited per client address.',
    errors:
      '400 `WrongCode` on `code`; 400 `WrongPassword` on `currentPassword` (counted toward the sign-in throttle); 404 `NoTotpSetup` when no app is being set up.',
  })
  @ApiContractBody(ConfirmTotpDto)
  confirmTotp(@Context() ctx: RequestContext, @Body(new ContractPipe(ConfirmTotpDto)) dto: ConfirmTotpDto) {
    return this.tenants.confirmTotp(ctx, dto);
  }

  @ApiBearerAuth()
  @Post('two-factor/recovery-codes')
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiDoc({
    summary: 'Replace your recovery codes',
    description:
      '`{currentPassword}`. Answers `{recoveryCodes}`: ten new codes, shown only now; the old ones stop working.',
    who: 'Anyone signed in with two-factor sign-in on, for their own account. Rate limited per client address.',
    errors: '400 `WrongPassword` on `currentPassword`; 409 `TwoFactorOff` when two-factor sign-in is not on.',
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
  @ApiDoc({
    summary: 'Turn two-factor sign-in off',
    description:
      '`{currentPassword, code}` or `{currentPassword, recoveryCode}`. Every other sign-in ends; this one stays. Answers 204.',
    who: 'Anyone signed in who holds no admin role, for their own account. Rate limited per client address.',
    errors:
      '403 `AdminNeedsTwoFactor` for anyone holding a platform, region or tenant-admin role; 400 `WrongPassword`, `WrongCode` or `WrongRecoveryCode` on the field; 409 `TwoFactorOff` when it is not on.',
  })
  @ApiContractBody(DisableTwoFactorDto)
  async disable(
    @Context() ctx: RequestContext,
    @Body(new ContractPipe(DisableTwoFactorDto)) dto: DisableTwoFactorDto,
  ): Promise<void> {
    await this.tenants.disableTwoFactor(ctx, dto);
  }
}
