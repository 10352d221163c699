import type { RequestContext } from '../envelope';
import type { Requester } from '../requester';
import type { Page } from '../paging';
import { TenantsSubjects as S } from './subjects';
import type { DigestSettingDto, DigestSettingView, DigestUnsubscribeDto } from './digest.dto';
import type { LoginDto, MeView, RefreshDto, SignInSessionView, TokenPair } from './auth.dto';
import type {
  ConfirmTotpDto,
  DisableTwoFactorDto,
  LoginResult,
  RecoveryCodesView,
  RegenerateRecoveryCodesDto,
  SecondFactorDto,
  TotpSetupView,
  TwoFactorEnabledView,
} from './two-factor.dto';
import type { CreateRegionDto, PublicRegionView, RegionInvitationDto, RegionView } from './region.dto';
import type {
  AuditEntryView,
  CreateTenantDto,
  InvitationView,
  ListAuditQuery,
  ListTenantsQuery,
  OnboardedTenantView,
  PublicTenantView,
  PublicRegionLerosView,
  LeroExportStartView,
  TenantAccessView,
  TenantInvitationDto,
  TenantTransition,
  TenantView,
  UpdateTenantDto,
} from './tenant.dto';
import type { AcceptInvitationDto } from './invitation.dto';
import type {
  BreakGlassDto,
  BreakGlassView,
  ChangePasswordDto,
  CompletePasswordResetDto,
  ForgotPasswordDto,
  PasswordResetView,
  RegionTeamView,
  TenantTeamView,
} from './access.dto';
import type { RegionRole, TenantRole } from '../envelope';
import type {
  CreateIdentityProviderDto,
  IdentityProviderIdRequest,
  IdentityProviderScope,
  IdentityProviderView,
  ScopedIdentityProviderRequest,
  SsoCallbackDto,
  SsoProviderChoice,
  SsoProvidersForEmailDto,
  SsoProvidersForInvitationDto,
  SsoCallbackResult,
  SsoLinkDto,
  SsoStartView,
} from './sso.dto';

/**
 * Calls that hash or check a password (argon2id: memory-hard on purpose, ~0.1 s on a free core) may wait longer
 * than the default on a busy machine: a sign-in should be slow, not refused as unavailable.
 */
const PASSWORD_WORK = { timeoutMs: 15_000 };
/** Calls that wait on an identity provider's discovery, keys or token endpoint (each bounded at 10 s). */
const SSO_WORK = { timeoutMs: 25_000 };

/** The typed face of the tenants service for its callers (the gateway, later services). */
export class TenantsClient {
  constructor(private readonly bus: Requester) {}

  /** Tokens, or (two-factor sign-in) a challenge for `secondFactor`. */
  login = (ctx: RequestContext, dto: LoginDto) =>
    this.bus.request<LoginResult>(S.login, ctx, dto, PASSWORD_WORK);
  secondFactor = (ctx: RequestContext, dto: SecondFactorDto) =>
    this.bus.request<TokenPair>(S.secondFactor, ctx, dto);
  refresh = (ctx: RequestContext, dto: RefreshDto) => this.bus.request<TokenPair>(S.refresh, ctx, dto);
  logout = (ctx: RequestContext, dto: RefreshDto) =>
    this.bus.request<{ revoked: boolean }>(S.logout, ctx, dto);
  me = (ctx: RequestContext) => this.bus.request<MeView>(S.me, ctx, {});

  createRegion = (ctx: RequestContext, dto: CreateRegionDto) =>
    this.bus.request<RegionView>(S.createRegion, ctx, dto);
  listRegions = (ctx: RequestContext) => this.bus.request<{ items: RegionView[] }>(S.listRegions, ctx, {});
  /** A region by its slug, for public feeds; NOT_FOUND for an unknown slug. */
  regionBySlug = (ctx: RequestContext, slug: string) =>
    this.bus.request<PublicRegionView>(S.regionBySlug, ctx, { slug });
  inviteToRegion = (ctx: RequestContext, regionId: string, dto: RegionInvitationDto) =>
    this.bus.request<InvitationView>(S.inviteToRegion, ctx, { ...dto, regionId });

  createTenant = (ctx: RequestContext, dto: CreateTenantDto) =>
    this.bus.request<OnboardedTenantView>(S.createTenant, ctx, dto);
  listTenants = (ctx: RequestContext, query: ListTenantsQuery) =>
    this.bus.request<Page<TenantView>>(S.listTenants, ctx, query);
  getTenant = (ctx: RequestContext, tenantId: string) =>
    this.bus.request<TenantView>(S.getTenant, ctx, { tenantId });
  updateTenant = (ctx: RequestContext, tenantId: string, dto: UpdateTenantDto) =>
    this.bus.request<TenantView>(S.updateTenant, ctx, { ...dto, tenantId });
  transitionTenant = (ctx: RequestContext, tenantId: string, transition: TenantTransition) =>
    this.bus.request<TenantView>(S.transitionTenant, ctx, { tenantId, transition });
  inviteToTenant = (ctx: RequestContext, tenantId: string, dto: TenantInvitationDto) =>
    this.bus.request<InvitationView>(S.inviteToTenant, ctx, { ...dto, tenantId });
  /** Whether the actor may act inside a LERO now (its status and the actor's grants); for other services' guards. */
  tenantAccess = (ctx: RequestContext, tenantId: string) =>
    this.bus.request<TenantAccessView>(S.tenantAccess, ctx, { tenantId });
  /** Before a LERO's archive is gathered: its tenant-admins only, recorded in its activity log. */
  startLeroExport = (ctx: RequestContext, tenantId: string) =>
    this.bus.request<LeroExportStartView>(S.startLeroExport, ctx, { tenantId });
  /** An active LERO by its slug, for public pages; NOT_FOUND for unknown or closed LEROs. */
  tenantBySlug = (ctx: RequestContext, slug: string) =>
    this.bus.request<PublicTenantView>(S.tenantBySlug, ctx, { slug });
  regionPublicLeros = (ctx: RequestContext, slug: string) =>
    this.bus.request<PublicRegionLerosView>(S.regionPublicLeros, ctx, { slug });
  listAudit = (ctx: RequestContext, tenantId: string, query: ListAuditQuery) =>
    this.bus.request<Page<AuditEntryView>>(S.listAudit, ctx, { ...query, tenantId });

  acceptInvitation = (ctx: RequestContext, dto: AcceptInvitationDto) =>
    this.bus.request<{ accountId: string }>(S.acceptInvitation, ctx, dto, PASSWORD_WORK);
  cancelInvitation = (ctx: RequestContext, invitationId: string) =>
    this.bus.request<{ cancelled: true }>(S.cancelInvitation, ctx, { invitationId });

  // The access lifecycle: teams, taking roles away, accounts, passwords and sessions.
  tenantTeam = (ctx: RequestContext, tenantId: string) =>
    this.bus.request<TenantTeamView>(S.tenantTeam, ctx, { tenantId });
  removeTenantRole = (ctx: RequestContext, tenantId: string, accountId: string, role: TenantRole) =>
    this.bus.request<{ removed: true }>(S.removeTenantRole, ctx, { tenantId, accountId, role });
  regionTeam = (ctx: RequestContext, regionId: string) =>
    this.bus.request<RegionTeamView>(S.regionTeam, ctx, { regionId });
  removeRegionRole = (ctx: RequestContext, regionId: string, accountId: string, role: RegionRole) =>
    this.bus.request<{ removed: true }>(S.removeRegionRole, ctx, { regionId, accountId, role });
  breakGlass = (ctx: RequestContext, tenantId: string, dto: BreakGlassDto) =>
    this.bus.request<BreakGlassView>(S.breakGlass, ctx, { ...dto, tenantId });
  disableAccount = (ctx: RequestContext, accountId: string) =>
    this.bus.request<{ disabled: true }>(S.disableAccount, ctx, { accountId });
  enableAccount = (ctx: RequestContext, accountId: string) =>
    this.bus.request<{ disabled: false }>(S.enableAccount, ctx, { accountId });
  requestPasswordReset = (ctx: RequestContext, accountId: string) =>
    this.bus.request<PasswordResetView>(S.requestPasswordReset, ctx, { accountId }, PASSWORD_WORK);
  changePassword = (ctx: RequestContext, dto: ChangePasswordDto) =>
    this.bus.request<{ changed: true }>(S.changePassword, ctx, dto, PASSWORD_WORK);
  forgotPassword = (ctx: RequestContext, dto: ForgotPasswordDto) =>
    this.bus.request<{ accepted: true }>(S.forgotPassword, ctx, dto);
  completePasswordReset = (ctx: RequestContext, dto: CompletePasswordResetDto) =>
    this.bus.request<{ changed: true }>(S.completePasswordReset, ctx, dto, PASSWORD_WORK);
  getDigestSetting = (ctx: RequestContext) =>
    this.bus.request<DigestSettingView>(S.getDigestSetting, ctx, {});
  setDigestSetting = (ctx: RequestContext, dto: DigestSettingDto) =>
    this.bus.request<DigestSettingView>(S.setDigestSetting, ctx, dto);
  digestUnsubscribe = (ctx: RequestContext, dto: DigestUnsubscribeDto) =>
    this.bus.request<{ unsubscribed: true }>(S.digestUnsubscribe, ctx, dto);
  logoutAll = (ctx: RequestContext) => this.bus.request<{ revoked: number }>(S.logoutAll, ctx, {});
  /** The sign-in the caller's token belongs to; UNAUTHENTICATED once it has ended (signed out, revoked). */
  session = (ctx: RequestContext) => this.bus.request<SignInSessionView>(S.session, ctx, {});

  // Two-factor sign-in (ADR 15).
  startTotp = (ctx: RequestContext) => this.bus.request<TotpSetupView>(S.startTotp, ctx, {});
  pendingTotp = (ctx: RequestContext) => this.bus.request<TotpSetupView>(S.pendingTotp, ctx, {});
  confirmTotp = (ctx: RequestContext, dto: ConfirmTotpDto) =>
    this.bus.request<TwoFactorEnabledView>(S.confirmTotp, ctx, dto, PASSWORD_WORK);
  regenerateRecoveryCodes = (ctx: RequestContext, dto: RegenerateRecoveryCodesDto) =>
    this.bus.request<RecoveryCodesView>(S.regenerateRecoveryCodes, ctx, dto, PASSWORD_WORK);
  disableTwoFactor = (ctx: RequestContext, dto: DisableTwoFactorDto) =>
    this.bus.request<{ disabled: true }>(S.disableTwoFactor, ctx, dto, PASSWORD_WORK);

  /** Single sign-on (ADR 80): a provider's discovery and token requests go out from the tenants service. */
  createIdentityProvider = (ctx: RequestContext, dto: CreateIdentityProviderDto) =>
    this.bus.request<IdentityProviderView>(S.createIdentityProvider, ctx, dto);
  listIdentityProviders = (ctx: RequestContext, dto: IdentityProviderScope) =>
    this.bus.request<{ items: IdentityProviderView[] }>(S.listIdentityProviders, ctx, dto);
  verifyIdentityProviderDomains = (ctx: RequestContext, dto: ScopedIdentityProviderRequest) =>
    this.bus.request<IdentityProviderView>(S.verifyIdentityProviderDomains, ctx, dto);
  deleteIdentityProvider = (ctx: RequestContext, dto: ScopedIdentityProviderRequest) =>
    this.bus.request<{ deleted: true }>(S.deleteIdentityProvider, ctx, dto);
  ssoProvidersForEmail = (ctx: RequestContext, dto: SsoProvidersForEmailDto) =>
    this.bus.request<{ items: SsoProviderChoice[] }>(S.ssoProvidersForEmail, ctx, dto);
  ssoProvidersForInvitation = (ctx: RequestContext, dto: SsoProvidersForInvitationDto) =>
    this.bus.request<{ items: SsoProviderChoice[] }>(S.ssoProvidersForInvitation, ctx, dto);
  ssoStart = (ctx: RequestContext, dto: IdentityProviderIdRequest) =>
    this.bus.request<SsoStartView>(S.ssoStart, ctx, dto, SSO_WORK);
  ssoCallback = (ctx: RequestContext, dto: SsoCallbackDto) =>
    this.bus.request<SsoCallbackResult>(S.ssoCallback, ctx, dto, SSO_WORK);
  ssoLink = (ctx: RequestContext, dto: SsoLinkDto) =>
    this.bus.request<LoginResult>(S.ssoLink, ctx, dto, PASSWORD_WORK);
}
