import { TENANT_ROLES, type Grant, type Role } from '@hearth/contracts';
import type { Viewer } from '../session/web-session';

export interface NavItem {
  text: string;
  href: string;
  active?: boolean;
}

const TENANT_ROLE_SET = new Set<Role>(TENANT_ROLES);

export const isPlatformAdmin = (viewer: Viewer) => viewer.grants.some((g) => g.role === 'platform-admin');

export const regionAdminOf = (viewer: Viewer, regionId: string) =>
  viewer.grants.some((g) => g.role === 'region-admin' && g.regionId === regionId);

export const administersRegions = (viewer: Viewer) =>
  viewer.grants.some((g) => g.role === 'platform-admin' || g.role === 'region-admin');

const REPORT_ROLES = new Set<Role>(['region-admin', 'commissioner']);

/** The regions whose impact reports a regional grant (commissioner, region admin) lets this person read. */
export const reportRegionIdsOf = (viewer: Viewer): string[] => [
  ...new Set(viewer.grants.filter((g) => REPORT_ROLES.has(g.role) && g.regionId).map((g) => g.regionId!)),
];

/** Reads a region's disclosure-controlled impact report: its commissioners and admins, platform admins. */
export const readsReportsOf = (viewer: Viewer, regionId: string) =>
  isPlatformAdmin(viewer) || reportRegionIdsOf(viewer).includes(regionId);

export const regionReportPath = (regionId: string) => `/regions/${regionId}/report`;

const CURATOR_ROLES = new Set<Role>(['region-admin', 'directory-curator']);

/** Curates a region's directory (listings, LEROs' suggestions): its admins and directory curators (ADR 0040). */
export const curatesDirectoryOf = (viewer: Viewer, regionId: string) =>
  viewer.grants.some((g) => CURATOR_ROLES.has(g.role) && g.regionId === regionId);

/** The regions whose directory this person curates. */
export const curatedRegionIdsOf = (viewer: Viewer): string[] => [
  ...new Set(viewer.grants.filter((g) => CURATOR_ROLES.has(g.role) && g.regionId).map((g) => g.regionId!)),
];

/** A region's directory as its curators see it. */
export const curationPath = (regionId: string) => `/regions/${regionId}/directory`;

/** A region's imports of other directories (its curators', ADR 0045). */
export const importsPath = (regionId: string) => `/regions/${regionId}/directory/imports`;

/** The LEROs whose space this person works in (tenant grants), each once. */
export const tenantIdsOf = (viewer: Viewer): string[] => [
  ...new Set(viewer.grants.filter((g) => TENANT_ROLE_SET.has(g.role) && g.tenantId).map((g) => g.tenantId!)),
];

export const tenantRoleIn = (viewer: Viewer, tenantId: string): Role | undefined => {
  const roles = viewer.grants.filter((g) => g.tenantId === tenantId).map((g) => g.role);
  return TENANT_ROLES.find((r) => roles.includes(r));
};

/** Runs the LERO's people and programme: its admins and coordinators. */
export const isStaffOf = (viewer: Viewer, tenantId: string) =>
  viewer.grants.some(
    (g) => g.tenantId === tenantId && (g.role === 'tenant-admin' || g.role === 'coordinator'),
  );

/** Keeps the register at the door: staff and volunteers. */
export const keepsRegisterOf = (viewer: Viewer, tenantId: string) =>
  isStaffOf(viewer, tenantId) || viewer.grants.some((g) => g.tenantId === tenantId && g.role === 'volunteer');

/** The member record a `member` grant of this LERO is linked to, if any. */
export const memberIdIn = (viewer: Viewer, tenantId: string): string | undefined =>
  viewer.grants.find((g) => g.tenantId === tenantId && g.role === 'member' && g.memberId)?.memberId;

/**
 * Volunteering (ADR 0059): everyone with a role in the LERO reads its open roles and shifts (a member record with
 * the volunteer community role signs up); its admins and coordinators run it.
 */
export const usesVolunteeringOf = (viewer: Viewer, tenantId: string) =>
  tenantIdsOf(viewer).includes(tenantId);

/** A LERO's volunteering pages; its screens hang below this (`/rota`, `/training`, `/roles/{id}` …). */
export const volunteeringPath = (tenantId: string) => `/leros/${tenantId}/volunteering`;

/**
 * A LERO's asks, "you said, we did" (ADR 0070): its admins and coordinators keep them; its members read the public
 * ones (ADR 0065). Volunteers, like anyone, read the public page.
 */
export const readsAsksOf = (viewer: Viewer, tenantId: string) =>
  isStaffOf(viewer, tenantId) || viewer.grants.some((g) => g.tenantId === tenantId && g.role === 'member');
/** A LERO's consultations (ADR 0071): its staff run them, its members linked to a member record answer them. */
export const consultationsPath = (tenantId: string) => `/leros/${tenantId}/consultations`;

/** A LERO's representation log (ADR 0069): the meetings its staff went to, and its seats (`/leros/{id}/seats`). */
export const meetingsPath = (tenantId: string) => `/leros/${tenantId}/meetings`;

/** A LERO's collective testimony (ADR 0072): its staff run themes, its members linked to a member record contribute. */
export const testimonyPath = (tenantId: string) => `/leros/${tenantId}/testimony`;

/** A region's own consultations, across its LEROs: its admins run them (ADR 0071). */
export const regionConsultationsPath = (regionId: string) => `/regions/${regionId}/consultations`;

/** Only the areas this person's grants reach; the API still decides every request. */
export function navigationFor(viewer: Viewer, path: string): NavItem[] {
  const items: NavItem[] = [];
  const reportRegions = reportRegionIdsOf(viewer);
  const curated = curatedRegionIdsOf(viewer);
  // A commissioner or curator of several regions picks one from the list of regions.
  if (administersRegions(viewer) || reportRegions.length > 1 || curated.length > 1)
    items.push({ text: 'Regions', href: '/regions' });
  if (reportRegions.length === 1)
    items.push({ text: 'Impact report', href: regionReportPath(reportRegions[0]) });
  if (curated.length === 1) items.push({ text: 'Directory', href: curationPath(curated[0]) });
  const tenants = tenantIdsOf(viewer);
  if (tenants.length === 1) {
    const base = `/leros/${tenants[0]}`;
    items.push({ text: 'Your LERO', href: base });
    if (isStaffOf(viewer, tenants[0])) items.push({ text: 'Members', href: `${base}/members` });
    // The programme is everyone's to read; only staff change it.
    items.push({ text: 'Activities', href: `${base}/activities` });
    items.push({ text: 'Sessions', href: `${base}/sessions` });
    if (usesVolunteeringOf(viewer, tenants[0]))
      items.push({ text: 'Volunteering', href: volunteeringPath(tenants[0]) });
    if (readsAsksOf(viewer, tenants[0])) items.push({ text: 'You said, we did', href: `${base}/asks` });
    // Consultations and testimony: staff run them, members linked to a member record take part.
    if (isStaffOf(viewer, tenants[0]) || memberIdIn(viewer, tenants[0]))
      items.push(
        { text: 'Consultations', href: consultationsPath(tenants[0]) },
        { text: 'Testimony', href: testimonyPath(tenants[0]) },
      );
    if (isStaffOf(viewer, tenants[0])) items.push({ text: 'Meetings', href: meetingsPath(tenants[0]) });
    if (isStaffOf(viewer, tenants[0])) items.push({ text: 'Impact figures', href: `${base}/impact` });
    // What the LERO suggests to its region's directory; a region's curator has its own Directory item.
    if (isStaffOf(viewer, tenants[0]) && curated.length !== 1)
      items.push({ text: 'Directory', href: `${base}/directory` });
    if (memberIdIn(viewer, tenants[0])) items.push({ text: 'Your profile', href: `${base}/me` });
  }
  if (tenants.length > 1) items.push({ text: 'Your LEROs', href: '/leros' });
  items.push({ text: 'Your account', href: '/account' });
  // The most specific item is the current one: /leros/x/members is Members, not Your LERO.
  const current = items
    .filter((item) => path === item.href || path.startsWith(`${item.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return items.map((item) => ({ ...item, active: item === current }));
}

/** Where an admin sets up two-factor sign-in: their admin roles wait for it (ADR 15). */
export const TWO_FACTOR_SET_UP_PATH = '/account/two-factor/set-up';

/** Where someone goes once signed in: the set-up page while their admin role waits for it, else `next` or home. */
export const landingFor = (viewer: Viewer, next?: string): string =>
  viewer.twoFactor.setupRequired ? TWO_FACTOR_SET_UP_PATH : (next ?? homeFor(viewer));

/** Where someone lands after signing in. */
export function homeFor(viewer: Viewer): string {
  if (administersRegions(viewer)) return '/regions';
  // Commissioners read their region's report.
  const reportRegions = reportRegionIdsOf(viewer);
  if (reportRegions.length === 1) return regionReportPath(reportRegions[0]);
  if (reportRegions.length > 1) return '/regions';
  const tenants = tenantIdsOf(viewer);
  if (tenants.length === 1) return `/leros/${tenants[0]}`;
  if (tenants.length > 1) return '/leros';
  // A directory curator and nothing else: their region's directory.
  const curated = curatedRegionIdsOf(viewer);
  if (curated.length === 1) return curationPath(curated[0]);
  if (curated.length > 1) return '/regions';
  return '/account';
}

const ROLE_WORDS: Record<Role, (place: string) => string> = {
  'platform-admin': () => 'Platform admin: you can create regions and appoint their admins',
  'region-admin': (place) => `Region admin for ${place}: you can onboard, suspend and archive its LEROs`,
  commissioner: (place) => `Commissioner for ${place}: you can read its anonymised reports`,
  'directory-curator': (place) => `Directory curator for ${place}: you can curate its resource directory`,
  'tenant-admin': (place) => `Admin at ${place}: you can run everything in its space and invite its team`,
  coordinator: (place) =>
    `Coordinator at ${place}: you can run its members and sessions and invite volunteers and members`,
  volunteer: (place) => `Volunteer at ${place}`,
  member: (place) => `Member of ${place}`,
};

export const ROLE_NAMES: Record<Role, string> = {
  'platform-admin': 'Platform admin',
  'region-admin': 'Region admin',
  commissioner: 'Commissioner',
  'directory-curator': 'Directory curator',
  'tenant-admin': 'Admin',
  coordinator: 'Coordinator',
  volunteer: 'Volunteer',
  member: 'Member',
};

/** A grant in words, with the names of the region or LERO it reaches where they are known. */
export function describeGrant(
  grant: Grant,
  names: { regions: Map<string, string>; tenants: Map<string, string> },
): string {
  const place = grant.tenantId
    ? (names.tenants.get(grant.tenantId) ?? 'a LERO')
    : grant.regionId
      ? names.regions.has(grant.regionId)
        ? `the ${names.regions.get(grant.regionId)} region`
        : 'a region'
      : 'Hearth';
  return ROLE_WORDS[grant.role](place);
}
