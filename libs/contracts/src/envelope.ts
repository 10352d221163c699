/** The roles of the architecture's actor table; a grant scopes one to the platform, a region or a LERO. */
export const ROLES = [
  'platform-admin',
  'region-admin',
  'commissioner',
  'directory-curator',
  'tenant-admin',
  'coordinator',
  'volunteer',
  'member',
] as const;
export type Role = (typeof ROLES)[number];

export const REGION_ROLES = ['region-admin', 'commissioner', 'directory-curator'] as const;
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

/** Who is asking: derived by each service from the verified claims of the caller's access token. */
export interface Actor {
  accountId: string;
  email: string;
  grants: Grant[];
  /** LEROs among the grants that were suspended or archived when the token was issued: closed to this actor. */
  closedTenantIds?: string[];
  /** The sign-in (refresh-token family) the token was issued for: what signing out ends. */
  sessionId?: string;
}

/**
 * Travels with every request: correlation id, the caller's signed token (the end user's access token, or a
 * short-lived anonymous token the gateway signs for a public route) and the addressed tenant. On the wire
 * `actor` is never trusted: the receiving service verifies `token` and sets `actor` from its claims.
 */
export interface RequestContext {
  requestId: string;
  token: string;
  actor?: Actor;
  tenantId?: string;
}

export interface Envelope<T = unknown> {
  ctx: RequestContext;
  data: T;
}
