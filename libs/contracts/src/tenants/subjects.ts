/** Every subject the tenants service answers or emits. A shipped value never changes (add `.v2`). */
export const TenantsSubjects = {
  login: 'tenants.auth.login',
  refresh: 'tenants.auth.refresh',
  logout: 'tenants.auth.logout',
  me: 'tenants.account.me',
  createRegion: 'tenants.region.create',
  listRegions: 'tenants.region.list',
  /** No sign-in: a region's public identity by its slug (the directory's public feed). */
  regionBySlug: 'tenants.region.by-slug',
  inviteToRegion: 'tenants.region.invite',
  createTenant: 'tenants.tenant.create',
  listTenants: 'tenants.tenant.list',
  getTenant: 'tenants.tenant.get',
  updateTenant: 'tenants.tenant.update',
  transitionTenant: 'tenants.tenant.transition',
  inviteToTenant: 'tenants.tenant.invite',
  tenantAccess: 'tenants.tenant.access',
  /** A LERO's archive begins: its tenant-admins only; recorded in its activity log; answers the LERO. */
  startLeroExport: 'tenants.tenant.export',
  /** No sign-in: an active LERO's public identity by its slug (public pages, the calendar feed). */
  tenantBySlug: 'tenants.tenant.by-slug',
  /** No sign-in: a region's active LEROs' public identities by the region's slug (public pages, ADR 0065). */
  regionPublicLeros: 'tenants.region.public-leros',
  listAudit: 'tenants.audit.list',
  acceptInvitation: 'tenants.invitation.accept',
  cancelInvitation: 'tenants.invitation.cancel',
  /** Access lifecycle: who holds which role, taking roles and sessions away, passwords. */
  tenantTeam: 'tenants.team.list',
  removeTenantRole: 'tenants.team.remove-role',
  regionTeam: 'tenants.region-team.list',
  removeRegionRole: 'tenants.region-team.remove-role',
  breakGlass: 'tenants.tenant.break-glass',
  disableAccount: 'tenants.account.disable',
  enableAccount: 'tenants.account.enable',
  requestPasswordReset: 'tenants.account.password-reset',
  changePassword: 'tenants.auth.password',
  completePasswordReset: 'tenants.auth.password-reset',
  /** "Forgot my password" (ADR 0077): a reset link is emailed if the address is an enabled account's. */
  forgotPassword: 'tenants.auth.forgot-password',
  logoutAll: 'tenants.auth.logout-all',
  /** Two-factor sign-in (ADR 15): the second step of a sign-in, whether a sign-in still lasts, set-up. */
  secondFactor: 'tenants.auth.second-factor',
  session: 'tenants.auth.session',
  startTotp: 'tenants.two-factor.totp.start',
  pendingTotp: 'tenants.two-factor.totp.pending',
  confirmTotp: 'tenants.two-factor.totp.confirm',
  regenerateRecoveryCodes: 'tenants.two-factor.recovery-codes',
  disableTwoFactor: 'tenants.two-factor.disable',
  /** Single sign-on (ADR 80): providers of regions and LEROs, and signing in with them. */
  createIdentityProvider: 'tenants.identity-provider.create',
  listIdentityProviders: 'tenants.identity-provider.list',
  deleteIdentityProvider: 'tenants.identity-provider.delete',
  verifyIdentityProviderDomains: 'tenants.identity-provider.verify-domains',
  ssoProvidersForEmail: 'tenants.auth.sso.providers',
  ssoProvidersForInvitation: 'tenants.auth.sso.invitation-providers',
  ssoStart: 'tenants.auth.sso.start',
  ssoCallback: 'tenants.auth.sso.callback',
  ssoLink: 'tenants.auth.sso.link',
  /** Weekly digests (ADR 0083): one's own choice, and the emailed unsubscribe link (no sign-in). */
  getDigestSetting: 'tenants.account.digest.get',
  setDigestSetting: 'tenants.account.digest.set',
  digestUnsubscribe: 'tenants.auth.digest-unsubscribe',
} as const;

export const TenantsEvents = {
  regionCreated: 'evt.tenants.region.created',
  tenantOnboarded: 'evt.tenants.tenant.onboarded',
  tenantUpdated: 'evt.tenants.tenant.updated',
  tenantActivated: 'evt.tenants.tenant.activated',
  tenantSuspended: 'evt.tenants.tenant.suspended',
  tenantArchived: 'evt.tenants.tenant.archived',
} as const;
