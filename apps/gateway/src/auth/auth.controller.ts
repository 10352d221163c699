import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ChangePasswordDto,
  CompletePasswordResetDto,
  LoginDto,
  RefreshDto,
  TenantsClient,
  type RequestContext,
} from '@hearth/contracts';
import { Public } from '@hearth/auth';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody } from '../http/api-contract';
import { Context } from '../http/request-context';

/** Sign-in routes are rate limited per client address (GatewayOptions.authRateLimit a minute). */
export const AUTH_RATE_LIMIT = { rateLimit: {} };

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(private readonly tenants: TenantsClient) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiOperation({
    summary: 'Sign in (200): tokens, or for an account with two-factor sign-in a challenge',
    description:
      'Without two-factor sign-in: `{accessToken, refreshToken, expiresIn, tokenType}` (with `mfaSetupRequired: true` for an admin who has not set it up: the tokens carry no admin role until they have). With it: `{mfaRequired: true, challenge, methods: ["totp", "recovery-code"], expiresIn}`; complete with `POST /auth/login/second-factor`.',
  })
  @ApiContractBody(LoginDto)
  login(@Context() ctx: RequestContext, @Body(new ContractPipe(LoginDto)) dto: LoginDto) {
    return this.tenants.login(ctx, dto);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiContractBody(RefreshDto)
  refresh(@Context() ctx: RequestContext, @Body(new ContractPipe(RefreshDto)) dto: RefreshDto) {
    return this.tenants.refresh(ctx, dto);
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  @RouteConfig(AUTH_RATE_LIMIT)
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
  @ApiOperation({ summary: 'Change your password (204); every sign-in ends, this one’s included' })
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
  @ApiOperation({ summary: 'Sign out everywhere (204): every refresh token of the account is revoked' })
  async logoutAll(@Context() ctx: RequestContext): Promise<void> {
    await this.tenants.logoutAll(ctx);
  }

  @Public()
  @Post('auth/password-reset')
  @HttpCode(204)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiOperation({ summary: 'Choose a new password with a reset link’s token (204); the link works once' })
  @ApiContractBody(CompletePasswordResetDto)
  async completePasswordReset(
    @Context() ctx: RequestContext,
    @Body(new ContractPipe(CompletePasswordResetDto)) dto: CompletePasswordResetDto,
  ): Promise<void> {
    await this.tenants.completePasswordReset(ctx, dto);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@Context() ctx: RequestContext) {
    return this.tenants.me(ctx);
  }
}
