import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import {
  SsoCallbackDto,
  SsoLinkDto,
  SsoProvidersForEmailDto,
  SsoProvidersForInvitationDto,
  TenantsClient,
  type RequestContext,
} from '@hearth/contracts';
import { Public } from '@hearth/auth';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { AUTH_RATE_LIMIT } from './auth.controller';

const ANYONE = 'Anyone (no token). Rate limited per client address.';
/** The response header of `start` carrying the secret that binds the sign-in to whoever began it. */
export const SSO_BINDING_HEADER = 'Hearth-Sso-Binding';

/** Signing in with a region's or a LERO's OpenID provider (ADR 80), beside passwords. */
@ApiTag('auth')
@Controller('api/v1/auth/sso')
export class SsoController {
  constructor(private readonly tenants: TenantsClient) {}

  @Public()
  @Get('providers')
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiDoc({
    summary: 'The identity providers that can sign in an email address',
    description:
      'Answers `{items: [{id, displayName}]}`: the providers whose verified domains include the email’s domain (none for most). The sign-in page asks with the email a person typed.',
    who: ANYONE,
    errors: '400 on `email` when it is not an email address.',
  })
  @ApiContractQuery(SsoProvidersForEmailDto)
  providers(
    @Context() ctx: RequestContext,
    @Query(new ContractPipe(SsoProvidersForEmailDto)) query: SsoProvidersForEmailDto,
  ) {
    return this.tenants.ssoProvidersForEmail(ctx, query);
  }

  @Public()
  @Post('invitation-providers')
  @HttpCode(200)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiDoc({
    summary: 'The identity providers through which an invitation can be accepted',
    description:
      '`{invitationToken}` → `{items: [{id, displayName}]}`: the verified providers of the invitation’s LERO (or its region) whose domains include the invited email’s domain, when the invited email has no account yet (an existing account accepts with its password), which `POST /api/v1/auth/sso/callback` would accept it through. An unknown, used, cancelled or lapsed invitation has none. The invitation page asks, to offer “Accept with <provider>”.',
    who: ANYONE,
    errors: '400 on `invitationToken` when it is not a token’s length.',
  })
  @ApiContractBody(SsoProvidersForInvitationDto)
  invitationProviders(
    @Context() ctx: RequestContext,
    @Body(new ContractPipe(SsoProvidersForInvitationDto)) dto: SsoProvidersForInvitationDto,
  ) {
    return this.tenants.ssoProvidersForInvitation(ctx, dto);
  }

  @Public()
  @Get(':providerId/start')
  @HttpCode(302)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiDoc({
    summary: 'Begin signing in with an identity provider',
    description:
      'Answers 302 to the provider’s authorisation address (authorisation code with PKCE; `state` and `nonce` are kept by Hearth for 10 minutes and work once), with a `Hearth-Sso-Binding` header: a secret only whoever began the sign-in holds (Hearth keeps its hash), required back as `binding` at `POST /api/v1/auth/sso/callback`, so an answer from the provider is of no use to anyone else. The provider sends the browser back to the web app’s `/sign-in/sso/callback`, which completes the sign-in with that route.',
    who: ANYONE,
    errors:
      '400 for a provider id that is not a UUID; 401 `SsoFlowUnknown` for a provider that does not exist or whose domains are not verified yet; 503 `SsoProviderUnreachable` when the provider’s discovery document cannot be fetched.',
  })
  @ApiResponse({
    status: 302,
    description: 'To the provider.',
    headers: {
      Location: { description: 'The provider’s authorisation address.', schema: { type: 'string' } },
      [SSO_BINDING_HEADER]: {
        description: 'The secret to send back as `binding` with the callback (43 characters, base64url).',
        schema: { type: 'string' },
      },
    },
  })
  async start(
    @Context() ctx: RequestContext,
    @UuidParam('providerId') providerId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const { authorizationUrl, binding } = await this.tenants.ssoStart(ctx, { providerId });
    void reply
      .header('location', authorizationUrl)
      .header(SSO_BINDING_HEADER, binding)
      .header('cache-control', 'no-store');
  }

  @Public()
  @Post('callback')
  @HttpCode(200)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiDoc({
    summary: 'Complete a sign-in with an identity provider',
    description:
      '`{state, code, iss}` as the provider sent them to the callback page, and `binding`, the `Hearth-Sso-Binding` secret `start` gave. The ID token is checked (signature, issuer, audience, expiry, `nonce`), and its email must be verified and in the provider’s domains. An account linked to that identity whose every role lies inside the provider’s region or LERO is signed in: the answer is that of `POST /api/v1/auth/login` (tokens, or `mfaRequired` with a challenge when the account has two-factor sign-in). An account not yet linked answers `{linkRequired: true, linkToken, email, providerName, expiresIn}`: link it once with its password at `POST /api/v1/auth/sso/link`. Someone with no account yet may send their pending invitation’s `invitationToken`: when the invitation is to the provider’s LERO or region and for the email the provider verified, it is accepted (the new account is linked and has no usable password) and the answer is a sign-in. No account or role is ever created otherwise.',
    who: ANYONE,
    errors:
      '401 `SsoFlowUnknown` for a state that is unknown, expired or used, or a `binding` that is not its own (which leaves the sign-in usable by its starter); 401 `SsoResponseRejected` for an answer or ID token that does not verify (a wrong nonce, an expired token …); 403 `SsoEmailUnverified`, `SsoEmailNotAllowed`, or `SsoAccountNotAllowed` (no account, a platform admin, or a role outside the provider’s region or LERO); 403 `AccountDisabled`.',
  })
  @ApiContractBody(SsoCallbackDto)
  callback(@Context() ctx: RequestContext, @Body(new ContractPipe(SsoCallbackDto)) dto: SsoCallbackDto) {
    return this.tenants.ssoCallback(ctx, dto);
  }

  @Public()
  @Post('link')
  @HttpCode(200)
  @RouteConfig(AUTH_RATE_LIMIT)
  @ApiDoc({
    summary: 'Link your account to an identity provider with your password',
    description:
      '`{linkToken, password}`: the link token from `POST /api/v1/auth/sso/callback` (10 minutes, once) and the account’s password. Links the provider’s identity to the account and signs in, as `POST /api/v1/auth/login` answers; later sign-ins with the provider need no password. An account with two-factor sign-in answers `mfaRequired`, and the link is made only once the code is given at `POST /api/v1/auth/login/second-factor`.',
    who: 'Anyone holding a link token (no access token). Rate limited per client address.',
    errors:
      '401 for a wrong password (counted toward the account’s sign-in throttle, then 429 `SignInThrottled`); 401 `SsoLinkUnknown` for a link token that is unknown, expired or used.',
  })
  @ApiContractBody(SsoLinkDto)
  link(@Context() ctx: RequestContext, @Body(new ContractPipe(SsoLinkDto)) dto: SsoLinkDto) {
    return this.tenants.ssoLink(ctx, dto);
  }
}
