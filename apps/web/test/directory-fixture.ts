import { join } from 'node:path';
import { withClient, type PageClient } from '@hearth/testing';
import { loadPostcodes } from '../../directory/src';
import { acceptThroughWeb, apiCall, passphraseOf, setUpLero, type LeroFixture } from './lero-fixture';
import type { WebHarness } from './web.harness';

/** Real postcode centroids around LS1 4AP (the directory's test data; its README lists their distances). */
const LEEDS = join(__dirname, '../../directory/test/test-data/postcodes/nspl-leeds-sample.csv');

/** Hearth's categories (fixed ids in every deployment). */
export const DEBT = '866b68c7-f907-4b10-8573-532dd84ffa5b';
export const FOOD = '88030165-3f75-4e3e-9577-92e1e5d27e57';
export const HOUSING = '54045500-b17c-44ff-b6c5-50e4980e085a';

/** Someone of the region's team, signed in to the web app, with a fresh API token when a test needs one. */
export interface RegionPerson {
  email: string;
  client: PageClient;
  token(): Promise<string>;
}

export interface DirectoryFixture extends LeroFixture {
  sam: PageClient;
  /** The region's short name: its public directory is `/regions/{regionSlug}/directory`. */
  regionSlug: string;
  /** The region's admin (Rhea) and its directory curator (Cora). */
  rhea: RegionPerson;
  cora: RegionPerson;
  /** A listing through the API, as the region's admin. */
  list(body: Record<string, unknown>): Promise<{ id: string; name: string }>;
}

/** Hearth's postcode list, loaded with the real Leeds centroids. */
export async function loadLeedsPostcodes(h: WebHarness): Promise<void> {
  await withClient(h.hearth.ownerUrl, (owner) => loadPostcodes(owner, LEEDS));
}

/** Someone invited to a region with a role, who accepts through the web app (an admin sets up two-factor). */
export async function joinRegion(
  h: WebHarness,
  regionId: string,
  email: string,
  role: string,
  name: string,
): Promise<RegionPerson> {
  const invitation = await apiCall<{ token: string }>(
    h,
    'POST',
    `/api/v1/regions/${regionId}/invitations`,
    await h.given.platformAdmin(),
    { email, role },
  );
  const client = await acceptThroughWeb(h, invitation.token, email, name);
  return { email, client, token: () => h.given.login(email, passphraseOf(name)) };
}

/** A listing in Leeds at a postcode, without a point of its own (it takes the postcode's centroid). */
export const leedsListing = (
  name: string,
  postcode: string,
  term = DEBT,
  more: Record<string, unknown> = {},
) => ({
  name,
  description: `${name}: free help, no appointment needed.`,
  organization: { name: `${name} Trust` },
  location: { address1: '1 Kiln Street', city: 'Leeds', postcode },
  taxonomyTermIds: [term],
  ...more,
});

/**
 * A region with the postcode list loaded, its admin (who sets the curators' shared address), a directory
 * curator, and the LERO "phoenix" with its admin Sam (`setUpLero`).
 */
export async function setUpDirectory(h: WebHarness): Promise<DirectoryFixture> {
  const [lero] = await Promise.all([setUpLero(h), loadLeedsPostcodes(h)]);
  const rhea = await joinRegion(h, lero.regionId, 'rhea@region.example.org', 'region-admin', 'Rhea');
  const cora = await joinRegion(h, lero.regionId, 'cora@region.example.org', 'directory-curator', 'Cora');
  await apiCall(h, 'PUT', `/api/v1/regions/${lero.regionId}/directory/settings`, await rhea.token(), {
    contactEmail: 'directory@region.example.org',
  });
  return {
    ...lero,
    regionSlug: `north-east-${lero.slug}`,
    rhea,
    cora,
    list: async (body) =>
      apiCall(h, 'POST', `/api/v1/regions/${lero.regionId}/directory/services`, await rhea.token(), body),
  };
}
