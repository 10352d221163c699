import {
  CreateIdentityProviderDto,
  IdentityProviderIdRequest,
  IdentityProviderScope,
  ScopedIdentityProviderRequest,
  SsoProvidersForEmailDto,
  SsoProvidersForInvitationDto,
  SsoCallbackDto,
  SsoLinkDto,
  TenantsSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { SsoSignIn } from './sso-sign-in.service';
import { IdentityProvidersService } from './identity-providers.service';

/** Single sign-on (ADR 80): identity providers, and signing in with them. */
@MessageController()
export class SsoController {
  constructor(
    private readonly signIn: SsoSignIn,
    private readonly providers: IdentityProvidersService,
  ) {}

  @Answer(S.createIdentityProvider) create(
    @Ctx() ctx: RequestContext,
    @Data(CreateIdentityProviderDto) dto: CreateIdentityProviderDto,
  ) {
    return this.providers.create(ctx, dto);
  }

  @Answer(S.listIdentityProviders) list(
    @Ctx() ctx: RequestContext,
    @Data(IdentityProviderScope) dto: IdentityProviderScope,
  ) {
    return this.providers.list(ctx, dto);
  }

  @Answer(S.verifyIdentityProviderDomains) verify(
    @Ctx() ctx: RequestContext,
    @Data(ScopedIdentityProviderRequest) dto: ScopedIdentityProviderRequest,
  ) {
    return this.providers.verifyDomains(ctx, dto);
  }

  @Answer(S.deleteIdentityProvider) remove(
    @Ctx() ctx: RequestContext,
    @Data(ScopedIdentityProviderRequest) dto: ScopedIdentityProviderRequest,
  ) {
    return this.providers.remove(ctx, dto);
  }

  @Answer(S.ssoProvidersForEmail) forEmail(@Data(SsoProvidersForEmailDto) dto: SsoProvidersForEmailDto) {
    return this.providers.forEmail(dto);
  }

  @Answer(S.ssoProvidersForInvitation) forInvitation(
    @Data(SsoProvidersForInvitationDto) dto: SsoProvidersForInvitationDto,
  ) {
    return this.providers.forInvitation(dto);
  }

  @Answer(S.ssoStart) start(@Data(IdentityProviderIdRequest) dto: IdentityProviderIdRequest) {
    return this.signIn.start(dto);
  }

  @Answer(S.ssoCallback) callback(@Ctx() ctx: RequestContext, @Data(SsoCallbackDto) dto: SsoCallbackDto) {
    return this.signIn.callback(ctx, dto);
  }

  @Answer(S.ssoLink) link(@Ctx() ctx: RequestContext, @Data(SsoLinkDto) dto: SsoLinkDto) {
    return this.signIn.link(ctx, dto);
  }
}
