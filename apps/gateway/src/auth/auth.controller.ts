import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  ChangePasswordDto,
  CompletePasswordResetDto,
  ForgotPasswordDto,
  LoginDto,
  RefreshDto,
  TenantsClient,
  type RequestContext,
} from '@hearth/contracts';
import { Public } from '@hearth/auth';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context } from '../http/request-context';

/** Sign-in routes are rate limited per client address (GatewayOptions.authRateLimit a minute). */
export const AUTH_RATE_LIMIT = { rateLimit: {} };
/**
 * Unsubscribe links (reminders, digests): their own, larger budget per client address. A mail provider's one-click
 * unsubscribe (RFC 8058) posts from its servers, for many people at once, and is not retried when refused; the
 * 256-bit tokens cannot be guessed, so a larger budget gives a guesser nothing.
 */
export const UNSUBSCRIBE_RATE_LIMIT = { rateLimit: { max: 600, timeWindow: '1 minute' } };

@ApiTag('auth')
@Controller('api/v1')
export class AuthController {
  constructor(private readonly tenants: TenantsClient) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiDoc({
    summary: 'Sign in with email and password',
    description:
      'Without two-factor sign-in: `{accessToken, refreshToken, expiresIn, tokenType}` (with `mfaSetupRequired: true` for an admin who has not set it up: the tokens carry no admin role until they have). With it: `{mfaRequired: true, challenge, methods: ["totp", "recovery-code"], expiresIn}`; complete the sign-in with `POST /api/v1/auth/login/second-factor`.',
    who: 'Anyone (no token). Rate limited per client address.',
    errors:
      '401 for a wrong email or password (the same answer for both); 403 `AccountDisabled` for a disabled account; 429 `SignInThrottled` after too many wrong passwords for the account (with `Retry-After`), or too many attempts from your address.',
  })
  @ApiContractBody(LoginDto)
  login(@Context() ctx: RequestContext, @Body(new ContractPipe(LoginDto)) dto: LoginDto) {
    return this.tenants.login(ctx, dto);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiDoc({
    summary: 'Swap a refresh token for a new pair of tokens',
    description:
      'Answers `{accessToken, refreshToken, expiresIn, tokenType}`. Each refresh token works once: keep the new one. A sign-in lasts 14 days without use and 30 days at most, however often it is refreshed.',
    who: 'Anyone holding a refresh token (no access token needed). Rate limited per client address.',
    errors:
      '401 for a refresh token that is unknown, lapsed or revoked; a spent one presented again (`RefreshTokenReused`) is taken as stolen and ends that sign-in on every device; 401 `AccountDisabled` once the account is disabled.',
  })
  @ApiContractBody(RefreshDto)
  refresh(@Context() ctx: RequestContext, @Body(new ContractPipe(RefreshDto)) dto: RefreshDto) {
    return this.tenants.refresh(ctx, dto);
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiDoc({
    summary: 'Sign out: end the sign-in a refresh token belongs to',
    description:
      'The refresh token and every token refreshed from it stop working (access tokens already issued lapse within their `expiresIn`). Answers 204 whether or not the token was known.',
    who: 'Anyone holding a refresh token (no access token needed). Rate limited per client address.',
  })
  @ApiContractBody(RefreshDto)
  async logout(
    @Context() ctx: RequestContext,
    @Body(new ContractPipe(RefreshDto)) dto: RefreshDto,
  ): Promise<void> {
    await this.tenants.logout(ctx, dto);
  }

  @ApiBearerAuth()
  @Post('auth/password')
  @HttpCode(204)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiDoc({
    summary: 'Change your own password',
    description:
      'Needs your current password; the new one has at least 12 characters and differs from it. Every sign-in of the account ends, this one’s included: sign in again with the new password. Answers 204.',
    who: 'Anyone signed in, for their own account. Rate limited per client address.',
    errors:
      '400 `WrongPassword` on `currentPassword` when it is not your current password; 400 on `newPassword` when it is too short or the same.',
  })
  @ApiContractBody(ChangePasswordDto)
  async changePassword(
    @Context() ctx: RequestContext,
    @Body(new ContractPipe(ChangePasswordDto)) dto: ChangePasswordDto,
  ): Promise<void> {
    await this.tenants.changePassword(ctx, dto);
  }

  @ApiBearerAuth()
  @Post('auth/logout-all')
  @HttpCode(204)
  @ApiDoc({
    summary: 'Sign out everywhere',
    description:
      'Every sign-in of your account ends, on every device, this one’s included: no refresh token of the account works any more, and access tokens lapse within their `expiresIn`. Answers 204.',
    who: 'Anyone signed in, for their own account.',
  })
  async logoutAll(@Context() ctx: RequestContext): Promise<void> {
    await this.tenants.logoutAll(ctx);
  }

  @Public()
  @Post('auth/password-reset')
  @HttpCode(204)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiDoc({
    summary: 'Choose a new password with a password reset link',
    description:
      '`token` is the one from a reset link: one an admin of your LERO sent (`POST /api/v1/accounts/{accountId}/password-reset`, a day) or one you asked for (`POST /api/v1/auth/forgot-password`, 30 minutes by default); `newPassword` has at least 12 characters. The link works once, and any other link of the account stops working with it; every sign-in of the account ends, and two-factor sign-in stays as it was. Answers 204; sign in with the new password. The same as `POST /api/v1/auth/reset-password`.',
    who: 'Anyone holding a reset link (no access token needed). Rate limited per client address.',
    errors:
      '400 `ResetLinkUnknown` on `token` for a token that is not a reset link; 410 `ResetLinkSpent` or `ResetLinkExpired`.',
  })
  @ApiContractBody(CompletePasswordResetDto)
  async completePasswordReset(
    @Context() ctx: RequestContext,
    @Body(new ContractPipe(CompletePasswordResetDto)) dto: CompletePasswordResetDto,
  ): Promise<void> {
    await this.tenants.completePasswordReset(ctx, dto);
  }

  @Public()
  @Post('auth/forgot-password')
  @HttpCode(202)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiDoc({
    summary: 'Forgot your password: ask for a reset link by email',
    description:
      '`{email}`. Answers 202 whether or not the address is an account’s, and takes as long either way. If it is an enabled account’s, a reset link (`/password-reset?token=`) is emailed: it works once, for 30 minutes by default (`FORGOT_PASSWORD_LINK_TTL`); choose the new password with `POST /api/v1/auth/reset-password`. The current password keeps working until then. Nothing is sent to a disabled account, after three links to the same account within an hour, or when this deployment sends no email.',
    who: 'Anyone (no token). Rate limited per client address, as sign-in is.',
    errors: '400 on `email` when it is not an email address.',
  })
  @ApiContractBody(ForgotPasswordDto)
  async forgotPassword(
    @Context() ctx: RequestContext,
    @Body(new ContractPipe(ForgotPasswordDto)) dto: ForgotPasswordDto,
  ): Promise<void> {
    await this.tenants.forgotPassword(ctx, dto);
  }

  @Public()
  @Post('auth/reset-password')
  @HttpCode(204)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiDoc({
    summary: 'Choose a new password with the link from “forgot your password”',
    description:
      '`{token, newPassword}`: `token` from the emailed link, `newPassword` at least 12 characters. The link works once, and any other link of the account stops working with it. Every sign-in of the account ends; two-factor sign-in stays as it was. Answers 204; sign in with the new password. The same as `POST /api/v1/auth/password-reset`.',
    who: 'Anyone holding a reset link (no access token needed). Rate limited per client address.',
    errors:
      '400 `ResetLinkUnknown` on `token` for a token that is not a reset link; 410 `ResetLinkSpent` or `ResetLinkExpired`; 400 on `newPassword` when it is too short.',
  })
  @ApiContractBody(CompletePasswordResetDto)
  async resetPassword(
    @Context() ctx: RequestContext,
    @Body(new ContractPipe(CompletePasswordResetDto)) dto: CompletePasswordResetDto,
  ): Promise<void> {
    await this.tenants.completePasswordReset(ctx, dto);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiDoc({
    summary: 'Your own account: email, name, roles and two-factor status',
    description:
      'Answers `{id, email, displayName, grants: [{role, regionId?, tenantId?, memberId?}], twoFactor}`: every role the account holds (as stored now, which a token issued earlier may not carry yet) and whether two-factor sign-in is on or needed.',
    who: 'Anyone signed in, for their own account.',
    errors: '401 `AccountDisabled` once the account is disabled, and 401 once it no longer exists.',
  })
  me(@Context() ctx: RequestContext) {
    return this.tenants.me(ctx);
  }
}
