import {
  forbidden,
  notFound,
  type Actor,
  type PublicRegionView,
  type PublicTenantView,
  type TenantAccessView,
} from '@hearth/contracts';
import { defineAbility, requireActor, subject, type Action, type HearthAbility } from '@hearth/auth';
import { asRegionId, asTenantId, type RegionId, type TenantId } from '@hearth/persistence';

/**
 * The one gate of the advocacy service: the only place that turns a request into who is asking, what they may do
 * and the LERO (`TenantId`) or region (`RegionId`) they may do it in, which repositories take.
 */
export interface Authorised {
  actor: Actor;
  ability: HearthAbility;
  tenantId: TenantId;
}

export interface AuthorisedInRegion {
  actor: Actor;
  ability: HearthAbility;
  regionId: RegionId;
}

/** A member acting for themselves (responding, contributing): their LERO and the member record their account is linked to. */
export interface Respondent extends Authorised {
  memberId: string;
}

/** A member acting on their own testimony (ADR 0066): the same as a respondent. */
export type Contributor = Respondent;

/**
 * `Consultation`: consultations (with `tenantId` or `regionId`; `status` for what members may see). `Results`: their
 * figures (counts). `FreeText`: the free-text answers, for the staff who run the consultation only. `Response`: a
 * member's response. `Ask`: "you said, we did" asks (`public` for what members may see; ADR 0065). `Representation`:
 * the LERO's seats and the meetings it attended (ADR 0069), its staff's log. `LeroData`: advocacy's part of the
 * LERO's archive (ADR 0075), its tenant-admins'. `Theme`: testimony themes of a LERO or a region (`status` for what
 * members may see; ADR 0066, 0076). `Piece`: pieces as a theme's staff review them. `Testimony`: a member's own
 * pieces (contribute, accept an edit, withdraw, read). `MemberData`: what advocacy holds of one person, for their
 * data export (with `memberId`).
 */
export type AdvocacySubject =
  | 'Consultation'
  | 'Results'
  | 'FreeText'
  | 'Response'
  | 'Ask'
  | 'Representation'
  | 'LeroData'
  | 'Theme'
  | 'Piece'
  | 'Testimony'
  | 'MemberData';

const REGION_STAFF = ['region-admin', 'commissioner', 'directory-curator'];

/**
 * tenant-admins and coordinators: everything about their LERO's consultations, asks, representation and testimony
 * themes. region-admins: their region's consultations, asks and testimony themes. Members linked to a member record:
 * read open consultations and themes, respond, contribute and act on their own pieces. Commissioners: the counts of
 * their region's consultations, nothing else (ADR 0062). Everyone reads published themes on the public pages.
 */
export function advocacyAbility(actor: Actor | undefined): HearthAbility {
  return defineAbility(actor, (grant, { can }) => {
    const { tenantId, regionId } = grant;
    if (tenantId && (grant.role === 'tenant-admin' || grant.role === 'coordinator')) {
      can(['create', 'read', 'update'], 'Consultation', { tenantId });
      can('read', ['Results', 'FreeText'], { tenantId });
      can(['create', 'read', 'update'], 'Ask', { tenantId });
      can(['create', 'read', 'update', 'delete'], 'Representation', { tenantId });
      can(['create', 'read', 'update'], 'Theme', { tenantId });
      can(['read', 'update'], 'Piece', { tenantId });
      can('export', 'MemberData', { tenantId });
    }
    if (tenantId && grant.role === 'tenant-admin') can('export', 'LeroData', { tenantId });
    if (tenantId && grant.role === 'member') can('read', 'Ask', { tenantId, public: true });
    if (tenantId && grant.role === 'member' && grant.memberId) {
      can('read', 'Consultation', { tenantId, status: 'open' });
      can('create', 'Response', { tenantId });
      can('read', 'Theme', { tenantId, status: 'open' });
      can(['create', 'read', 'update'], 'Testimony', { tenantId });
      // A member exports their own data (membership's `/me/export`), as other services let them.
      can('export', 'MemberData', { tenantId, memberId: grant.memberId.toLowerCase() });
    }
    if (!tenantId && regionId && grant.role === 'region-admin') {
      can(['create', 'read', 'update'], 'Consultation', { regionId });
      can(['create', 'read', 'update'], 'Ask', { regionId });
      can('read', ['Results', 'FreeText'], { regionId });
      can(['create', 'read', 'update'], 'Theme', { regionId });
      can(['read', 'update'], 'Piece', { regionId });
    }
    if (!tenantId && regionId && grant.role === 'commissioner') can('read', 'Results', { regionId });
  });
}

/**
 * The gate of every route about a LERO: someone with no grant in it learns nothing (NOT_FOUND, as for an id that
 * does not exist); someone of the LERO without the right is FORBIDDEN.
 */
export function authoriseInLero(
  actor: Actor | undefined,
  tenantId: string,
  action: Action,
  what: AdvocacySubject,
  fields: Record<string, unknown> = {},
): Authorised {
  const who = requireActor(actor);
  if (!who.grants.some((g) => g.tenantId === tenantId)) throw notFound('LERO');
  const ability = advocacyAbility(who);
  if (!ability.can(action, subject(what, { tenantId, ...fields }))) throw forbidden();
  return { actor: who, ability, tenantId: asTenantId(tenantId) };
}

/**
 * The gate of every route about a region's consultations: someone who holds no role in the region (another region's
 * staff, a LERO's people, platform admins) learns nothing (NOT_FOUND); its staff without the right are FORBIDDEN.
 */
export function authoriseInRegion(
  actor: Actor | undefined,
  regionId: string,
  action: Action,
  what: AdvocacySubject,
): AuthorisedInRegion {
  const who = requireActor(actor);
  const staff = who.grants.some(
    (g) => !g.tenantId && g.regionId === regionId && REGION_STAFF.includes(g.role),
  );
  if (!staff) throw notFound('Region');
  const ability = advocacyAbility(who);
  if (!ability.can(action, subject(what, { regionId }))) throw forbidden();
  return { actor: who, ability, regionId: asRegionId(regionId) };
}

/** Whether an authorised caller may also do this (a member reading a consultation of one status). */
export const allows = (
  a: { ability: HearthAbility },
  action: Action,
  what: AdvocacySubject,
  fields: Record<string, unknown>,
) => a.ability.can(action, subject(what, fields));

/** A member of the LERO responding: their account must be linked to one of its member records. */
export const authoriseRespondent = (actor: Actor | undefined, tenantId: string): Respondent =>
  authoriseMember(actor, tenantId, 'create', 'Response');

/** A member acting on their own testimony: their account must be linked to one of the LERO's member records. */
export const authoriseContributor = (
  actor: Actor | undefined,
  tenantId: string,
  action: Action,
): Contributor => authoriseMember(actor, tenantId, action, 'Testimony');

function authoriseMember(
  actor: Actor | undefined,
  tenantId: string,
  action: Action,
  what: AdvocacySubject,
): Respondent {
  const authorised = authoriseInLero(actor, tenantId, action, what);
  const memberId = authorised.actor.grants
    .find((g) => g.tenantId === tenantId && g.role === 'member' && g.memberId)
    ?.memberId?.toLowerCase();
  if (!memberId) throw forbidden('Your account is not linked to a member record of this LERO.');
  return { ...authorised, memberId };
}

/** The region of a LERO the caller was authorised in, as the tenants service answered for it. */
export function regionOfLero(lero: Authorised, access: TenantAccessView): RegionId {
  if (access.tenantId.toLowerCase() !== lero.tenantId.toLowerCase()) throw notFound('LERO');
  return asRegionId(access.regionId);
}

/** The LERO of a public page, as the tenants service answered for its slug (active only): whose public asks and
 * closed consultations to read. */
export const publicAsksOf = (lero: PublicTenantView): TenantId => asTenantId(lero.id);

/** The region of a public page, as the tenants service answered for its slug: whose own public asks and
 * closed consultations to read. */
export const publicRegionAsksOf = (region: PublicRegionView): RegionId => asRegionId(region.id);

/**
 * A LERO's published testimony, asked without an actor: the tenants service answered for the slug, which it does
 * only while the LERO is active, and the caller is shown only published themes' approved pieces.
 */
export const publicTestimonyOf = (lero: PublicTenantView): TenantId => asTenantId(lero.id);

/** A region's own published testimony (ADR 0076), asked without an actor: the region the tenants service answered. */
export const publicRegionTestimonyOf = (region: PublicRegionView): RegionId => asRegionId(region.id);

/** The LERO of a member erased (a consumed event names it): their pieces there are withdrawn. */
export const erasedMembersLero = (tenantId: string): TenantId => asTenantId(tenantId);

/**
 * The region of a member's own pieces in region themes (ADR 0076), read back from those rows in their LERO's
 * transaction (the region's id was the theme's, written by the contribution): their export and erasure reach
 * them there without asking the tenants service.
 */
export const regionOfOwnPieces = (regionId: string): RegionId => asRegionId(regionId);

/**
 * The owner of a row the closing sweep read from its queue (no request, no caller), to close that consultation in
 * its owner's own transaction. A cast outside the request paths: never give it a request's ids.
 */
export const ownerOfTrustedRow = (row: { tenant_id: string | null; region_id: string | null }) =>
  row.tenant_id
    ? { kind: 'lero' as const, id: asTenantId(row.tenant_id) }
    : { kind: 'region' as const, id: asRegionId(row.region_id as string) };
