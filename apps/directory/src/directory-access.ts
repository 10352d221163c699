import {
  forbidden,
  notFound,
  type Actor,
  type PublicRegionView,
  type TenantAccessView,
} from '@hearth/contracts';
import { defineAbility, requireActor, subject, type Action, type HearthAbility } from '@hearth/auth';
import { asRegionId, asTenantId, type RegionId, type TenantId } from '@hearth/persistence';

/**
 * The one gate of the directory service: the only place that turns a request into who is asking, what they may do
 * and the region (the branded `RegionId` that the directory's repositories take) or the LERO they may do it in.
 */
export interface AuthorisedInRegion {
  actor: Actor;
  ability: HearthAbility;
  regionId: RegionId;
}

export interface Authorised {
  actor: Actor;
  ability: HearthAbility;
  tenantId: TenantId;
}

/**
 * A region's listings (curated by its admins and directory curators) and its directory's settings; a LERO's
 * suggestions (the region's curators decide them) and signposts.
 */
export type DirectorySubject = 'Listing' | 'Suggestion' | 'DirectorySettings' | 'Signpost';

/** The region roles that curate its directory: the same rights in it, and the curator nothing else of the region. */
const CURATING_ROLES: readonly string[] = ['region-admin', 'directory-curator'];

/**
 * What each grant may do in the directory: a region's admins and directory curators curate and assure its listings
 * and decide suggestions, its admins alone set the curator team's address, its commissioners read listings (a
 * platform admin has no grant in a region's directory: a region id that does not exist must answer 404, and the
 * gate cannot tell one from a region the platform admin merely does not work in); a LERO's admins and
 * coordinators suggest listings, its staff record signposts.
 */
export function directoryAbility(actor: Actor | undefined): HearthAbility {
  return defineAbility(actor, (grant, { can }) => {
    const { regionId, tenantId } = grant;
    if (CURATING_ROLES.includes(grant.role) && regionId) {
      can(['create', 'read', 'update', 'delete'], 'Listing', { regionId });
      can(['read', 'update'], 'Suggestion', { regionId });
      can('read', 'DirectorySettings', { regionId });
    }
    if (grant.role === 'region-admin' && regionId) can('update', 'DirectorySettings', { regionId });
    if (grant.role === 'commissioner' && regionId) can('read', 'Listing', { regionId });
    if (!tenantId) return;
    if (grant.role === 'tenant-admin' || grant.role === 'coordinator')
      can(['create', 'read'], 'Suggestion', { tenantId });
    if (grant.role === 'tenant-admin' || grant.role === 'coordinator' || grant.role === 'volunteer')
      can('create', 'Signpost', { tenantId });
  });
}

/**
 * The gate of every route about a region's directory: someone who cannot read its listings (another region's
 * staff, a LERO's people) learns nothing (NOT_FOUND, as for a region that does not exist); someone who can read
 * them but not do this (a commissioner changing a listing) is FORBIDDEN.
 */
export function authoriseInRegion(
  actor: Actor | undefined,
  regionId: string,
  action: Action,
  what: DirectorySubject = 'Listing',
): AuthorisedInRegion {
  const who = requireActor(actor);
  const ability = directoryAbility(who);
  if (!ability.can('read', subject('Listing', { regionId }))) throw notFound('Region');
  if (!ability.can(action, subject(what, { regionId }))) throw forbidden();
  return { actor: who, ability, regionId: asRegionId(regionId) };
}

/**
 * The gate of every route about a LERO (suggestions and signposts, to come): someone with no grant in it learns
 * nothing (NOT_FOUND, as for an id that does not exist); someone of the LERO without the right is FORBIDDEN.
 */
export function authoriseInLero(
  actor: Actor | undefined,
  tenantId: string,
  action: Action,
  what: DirectorySubject,
): Authorised {
  const who = requireActor(actor);
  if (!who.grants.some((g) => g.tenantId === tenantId)) throw notFound('LERO');
  const ability = directoryAbility(who);
  if (!ability.can(action, subject(what, { tenantId }))) throw forbidden();
  return { actor: who, ability, tenantId: asTenantId(tenantId) };
}

/**
 * The region of a LERO the caller was authorised in (`authoriseInLero`), as the tenants service answered for it:
 * where the LERO's suggestions go.
 */
export function regionOfLero(lero: Authorised, access: TenantAccessView): RegionId {
  if (access.tenantId.toLowerCase() !== lero.tenantId.toLowerCase()) throw notFound('LERO');
  return asRegionId(access.regionId);
}

/**
 * The region of a LERO's listings (ADR 0042), as the tenants service's own events about the LERO name it: no
 * caller to authorise, the directory's consumer of those events writes what they say.
 */
export const regionOfLeroListing = (regionId: string): RegionId => asRegionId(regionId);

/**
 * The public feed, asked without an actor: the tenants service answered for the slug (it names only a region
 * that exists), and the feed shows only active listings.
 */
export const publicDirectoryOf = (region: PublicRegionView): RegionId => asRegionId(region.id);
