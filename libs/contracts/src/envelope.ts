/** The roles of the architecture's actor table; a grant scopes one to the platform, a region or a LERO. */
export const ROLES = [
  'platform-admin',
  'region-admin',
  'commissioner',
  'tenant-admin',
  'coordinator',
  'volunteer',
  'member',
] as const;
export type Role = (typeof ROLES)[number];

export const REGION_ROLES = ['region-admin', 'commissioner'] as const;
export type RegionRole = (typeof REGION_ROLES)[number];
export const TENANT_ROLES = ['tenant-admin', 'coordinator', 'volunteer', 'member'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

export interface Grant {
  role: Role;
  regionId?: string;
  tenantId?: string;
  /** Set on a `member` grant that is linked to a member record. */
  memberId?: string;
}

/** Who is asking. Authenticated by the gateway; every service authorises it itself. */
export interface Actor {
  accountId: string;
  email: string;
  grants: Grant[];
}

/** Travels with every request: correlation id, the actor (absent for public routes) and the addressed tenant. */
export interface RequestContext {
  requestId: string;
  actor?: Actor;
  tenantId?: string;
}

export interface Envelope<T = unknown> {
  ctx: RequestContext;
  data: T;
}
