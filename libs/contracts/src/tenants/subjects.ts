/** Every subject the tenants service answers or emits. A shipped value never changes (add `.v2`). */
export const TenantsSubjects = {
  login: 'tenants.auth.login',
  refresh: 'tenants.auth.refresh',
  logout: 'tenants.auth.logout',
  me: 'tenants.account.me',
  createRegion: 'tenants.region.create',
  listRegions: 'tenants.region.list',
  inviteToRegion: 'tenants.region.invite',
  createTenant: 'tenants.tenant.create',
  listTenants: 'tenants.tenant.list',
  getTenant: 'tenants.tenant.get',
  updateTenant: 'tenants.tenant.update',
  transitionTenant: 'tenants.tenant.transition',
  inviteToTenant: 'tenants.tenant.invite',
  tenantAccess: 'tenants.tenant.access',
  /** No sign-in: an active LERO's public identity by its slug (public pages, the calendar feed). */
  tenantBySlug: 'tenants.tenant.by-slug',
  listAudit: 'tenants.audit.list',
  acceptInvitation: 'tenants.invitation.accept',
} as const;

export const TenantsEvents = {
  regionCreated: 'evt.tenants.region.created',
  tenantOnboarded: 'evt.tenants.tenant.onboarded',
  tenantUpdated: 'evt.tenants.tenant.updated',
  tenantActivated: 'evt.tenants.tenant.activated',
  tenantSuspended: 'evt.tenants.tenant.suspended',
  tenantArchived: 'evt.tenants.tenant.archived',
} as const;
