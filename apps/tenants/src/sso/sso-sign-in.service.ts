import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type IdentityProviderIdRequest,
  type LoginResult,
  type RequestContext,
  type SsoCallbackDto,
  type SsoCallbackResult,
  type SsoLinkDto,
  type SsoStartView,
} from '@hearth/contracts';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { AccountsRepository } from '../accounts/accounts.repository';
import type { Account } from '../accounts/account.entity';
import { accountDisabled } from '../accounts/accounts.exception';
import { verifyPassword } from '../accounts/password.util';
import { badLogin } from '../auth/auth.exception';
import { AuditService } from '../audit/audit.service';
import { AcceptInvitationUseCase } from '../invitations/accept-invitation.use-case';
import { Invitation } from '../invitations/invitation.entity';
import { hashSecretToken, newSecretToken } from '../secret-token.util';
import { SessionTokens } from '../sessions/session-tokens.service';
import { SignInThrottle } from '../sessions/sign-in-throttle';
import { TwoFactorCodes } from '../two-factor/two-factor-codes.service';
import { SecondFactorSignIn } from '../two-factor/second-factor-sign-in.service';
import { TotpSecretCipher } from '../two-factor/totp-secret-cipher';
import { AccountIdentity, IdentityProvider, SsoFlow, SsoLinkOffer } from './sso.entity';
import { discoverProvider, openidClient } from './oidc-client.util';
import { SsoLinks } from './sso-links.service';
import {
  ssoAccountNotAllowed,
  ssoEmailNotAllowed,
  ssoEmailUnverified,
  ssoFlowUnknown,
  ssoLinkUnknown,
  ssoProviderUnreachable,
  ssoRejected,
  ssoUnavailable,
} from './sso.exception';

/** A sign-in begun at a provider must come back within this (a person types a password and maybe a code). */
const FLOW_TTL_MS = 10 * 60 * 1000;
/** The offer to link an account with its password lasts this long. */
const LINK_TTL_MS = 10 * 60 * 1000;

/** Associated data of a provider's encrypted client secret: a secret copied to another provider does not decrypt. */
export const clientSecretAad = (providerId: string) => `identity-provider:${providerId}`;

/**
 * Signing in with a region's or a LERO's OpenID provider (ADR 80): authorisation code with PKCE, state and nonce
 * kept here (one use, ten minutes), the ID token checked by openid-client. The provider vouches for an identity
 * only: it signs in an account already linked to that identity, whose every grant lies inside the provider's
 * region or LERO; it never creates a grant, and an account only to accept a pending invitation to its email.
 */
@Injectable()
export class SsoSignIn {
  private readonly log = new Logger(SsoSignIn.name);

  constructor(
    private readonly db: TenantsDatabase,
    private readonly accounts: AccountsRepository,
    private readonly tokens: SessionTokens,
    private readonly throttle: SignInThrottle,
    private readonly codes: TwoFactorCodes,
    private readonly secondFactor: SecondFactorSignIn,
    private readonly cipher: TotpSecretCipher,
    private readonly audit: AuditService,
    private readonly invitations: AcceptInvitationUseCase,
    private readonly links: SsoLinks,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  private now() {
    return clockOf(this.options);
  }

  /** Where the provider sends the browser back to: the web app's page, registered at the provider. */
  redirectUri(): string {
    if (!this.options.publicUrl) throw ssoUnavailable();
    return new URL('/sign-in/sso/callback', this.options.publicUrl).toString();
  }

  async start(dto: IdentityProviderIdRequest): Promise<SsoStartView> {
    const em = this.db.em();
    const provider = await this.usableProvider(em, dto.providerId);
    const redirectUri = this.redirectUri();
    const oc = await openidClient();
    const config = await this.configOf(provider);
    const state = newSecretToken();
    const binding = newSecretToken();
    const nonce = oc.randomNonce();
    const codeVerifier = oc.randomPKCECodeVerifier();
    await em.nativeDelete(SsoFlow, { expiresAt: { $lte: this.now() } });
    em.persist(
      em.create(SsoFlow, {
        stateHash: hashSecretToken(state),
        bindingHash: hashSecretToken(binding),
        providerId: provider.id,
        nonce,
        codeVerifier,
        expiresAt: new Date(this.now().getTime() + FLOW_TTL_MS),
      }),
    );
    await em.flush();
    const url = oc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email',
      state,
      nonce,
      code_challenge: await oc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { authorizationUrl: url.toString(), binding };
  }

  async callback(ctx: RequestContext, dto: SsoCallbackDto): Promise<SsoCallbackResult> {
    const em = this.db.em();
    // One use: the flow is spent before anything else is checked, so a replayed answer finds nothing. Only its
    // starter's binding spends it: someone handed the provider's answer without it can neither use nor spoil it.
    const owned = { stateHash: hashSecretToken(dto.state), bindingHash: hashSecretToken(dto.binding) };
    const spent = await em.nativeUpdate(
      SsoFlow,
      { ...owned, usedAt: null, expiresAt: { $gt: this.now() } },
      { usedAt: this.now() },
    );
    const flow = spent === 1 ? await em.findOne(SsoFlow, owned) : null;
    if (!flow) throw ssoFlowUnknown();
    const provider = await this.usableProvider(em, flow.providerId);
    const claims = await this.verifiedClaims(provider, flow, dto);
    if (claims.email_verified !== true || typeof claims.email !== 'string') throw ssoEmailUnverified();
    const email = claims.email.trim().toLowerCase();
    if (!provider.allowedDomains.includes(email.slice(email.lastIndexOf('@') + 1)))
      throw ssoEmailNotAllowed();
    const linked = await em.findOne(AccountIdentity, { issuer: provider.issuer, subject: claims.sub });
    const account = linked
      ? await this.accounts.findById(em, linked.accountId)
      : await this.accounts.findByEmail(em, email);
    if (!account && dto.invitationToken)
      return this.acceptInvitation(
        ctx,
        provider,
        { sub: claims.sub, email, name: claims.name },
        dto.invitationToken,
      );
    if (!account) throw ssoAccountNotAllowed();
    await this.links.assertWithin(em, provider, account.id);
    if (linked) return this.signIn(account);
    const linkToken = newSecretToken();
    em.persist(
      em.create(SsoLinkOffer, {
        tokenHash: hashSecretToken(linkToken),
        accountId: account.id,
        providerId: provider.id,
        issuer: provider.issuer,
        subject: claims.sub,
        expiresAt: new Date(this.now().getTime() + LINK_TTL_MS),
      }),
    );
    await em.flush();
    return {
      linkRequired: true,
      linkToken,
      email: account.email,
      providerName: provider.displayName,
      expiresIn: LINK_TTL_MS / 1000,
    };
  }

  /**
   * The account's password accepts the offer: the identity is linked and this is a sign-in. An account with
   * two-factor sign-in gets its challenge first, and the link is made only when the code is given (ADR 80).
   */
  async link(ctx: RequestContext, dto: SsoLinkDto): Promise<LoginResult> {
    const em = this.db.em();
    const offer = await em.findOne(SsoLinkOffer, {
      tokenHash: hashSecretToken(dto.linkToken),
      usedAt: null,
      expiresAt: { $gt: this.now() },
    });
    if (!offer) throw ssoLinkUnknown();
    const account = await this.accounts.findById(em, offer.accountId);
    if (!account) throw ssoLinkUnknown();
    await this.throttle.check(account.email);
    if (!(await verifyPassword(account.passwordHash, dto.password))) {
      await this.throttle.recordFailure(account.email);
      throw badLogin();
    }
    // A disabled account gets no new way in, not even one it could use once enabled again.
    if (account.disabledAt) throw accountDisabled();
    await this.links.assertWithin(em, await this.links.usableProvider(em, offer.providerId), account.id);
    if (await this.twoFactorOn(account)) return this.secondFactor.challenge(account, offer.id);
    await this.links.write(ctx, offer.id);
    return this.signIn(account, true);
  }

  /**
   * Someone with no account accepts their invitation through the provider: the invited email must be the one the
   * provider verified, and the invitation's LERO or region the provider's own. The account gets an unusable random
   * password (they can sign in only through the provider until a reset gives them one), and is linked at once.
   */
  private async acceptInvitation(
    ctx: RequestContext,
    provider: IdentityProvider,
    who: { sub: string; email: string; name?: unknown },
    token: string,
  ): Promise<LoginResult> {
    const em = this.db.em();
    const invitation = await em.findOne(Invitation, { tokenHash: hashSecretToken(token) });
    const inScope = provider.tenantId
      ? invitation?.tenantId === provider.tenantId
      : invitation?.regionId === provider.regionId;
    if (!invitation || invitation.email !== who.email || !inScope) throw ssoAccountNotAllowed();
    const name = typeof who.name === 'string' && who.name.trim() ? who.name.trim() : who.email.split('@')[0];
    const { accountId } = await this.invitations.accept(ctx, {
      token,
      password: newSecretToken(),
      displayName: name.slice(0, 120),
    });
    em.persist(
      em.create(AccountIdentity, {
        accountId,
        providerId: provider.id,
        issuer: provider.issuer,
        subject: who.sub,
        createdAt: this.now(),
      }),
    );
    await em.flush();
    const account = await this.accounts.findById(em, accountId);
    if (!account) throw ssoAccountNotAllowed();
    await this.links.assertWithin(em, provider, account.id);
    return this.signIn(account);
  }

  /** Tokens, or the account's own second factor first (ADR 80: a provider's sign-in is one factor to Hearth). */
  private async signIn(account: Account, passwordGiven = false): Promise<LoginResult> {
    if (account.disabledAt) throw accountDisabled();
    if (await this.twoFactorOn(account)) return this.secondFactor.challenge(account);
    if (passwordGiven) await this.throttle.reset(account.email);
    return this.tokens.start(account.id, false);
  }

  private usableProvider(em: EntityManager, id: string): Promise<IdentityProvider> {
    return this.links.usableProvider(em, id);
  }

  private async twoFactorOn(account: Account): Promise<boolean> {
    return Boolean((await this.codes.stateOf(this.db.em(), account.id))?.enabledAt);
  }

  private async configOf(provider: IdentityProvider) {
    try {
      return await discoverProvider(
        {
          id: provider.id,
          issuer: provider.issuer,
          clientId: provider.clientId,
          clientSecret: this.cipher.decrypt(provider.clientSecret, clientSecretAad(provider.id)),
        },
        {
          allowLoopback: this.options.ssoAllowLoopbackIssuers === true,
          now: () => this.now(),
          discoveryTtlMs: this.options.ssoDiscoveryTtlMs,
        },
      );
    } catch (err) {
      this.log.warn(`Identity provider ${provider.id} could not be discovered: ${(err as Error).message}`);
      throw ssoProviderUnreachable();
    }
  }

  private async verifiedClaims(provider: IdentityProvider, flow: SsoFlow, dto: SsoCallbackDto) {
    const oc = await openidClient();
    const config = await this.configOf(provider);
    const current = new URL(this.redirectUri());
    current.searchParams.set('code', dto.code);
    current.searchParams.set('state', dto.state);
    if (dto.iss) current.searchParams.set('iss', dto.iss);
    try {
      const answer = await oc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: dto.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = answer.claims();
      if (!claims) throw new Error('no ID token');
      return claims;
    } catch (err) {
      this.log.warn(`Identity provider ${provider.id} answer refused: ${(err as Error).message}`);
      throw ssoRejected();
    }
  }
}
