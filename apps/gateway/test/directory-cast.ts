import type { ApiClient, ApiResponse } from '@hearth/testing';
import type { DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;

/** Everyone the directory's curation and suggestion routes answer differently. */
export const DIRECTORY_CAST = [
  'platform admin',
  'region admin',
  'directory curator',
  'commissioner',
  'tenant-admin',
  'coordinator',
  'volunteer',
  'member',
  'another LERO’s admin',
  'another region’s admin',
  'another region’s curator',
  'anonymous',
] as const;
export type Who = (typeof DIRECTORY_CAST)[number];
export type Matrix = Record<Who, number>;

export const PASSWORD = 'correct horse battery staple';

export const listingBody = (name: string, extra: Json = {}): Json => ({
  name,
  description: `${name}: free, confidential help for anyone in Leeds.`,
  organization: { name: `${name} Trust` },
  location: { address1: '1 Calverley St', city: 'Leeds', postcode: 'LS1 4AP' },
  schedules: [{ freq: 'WEEKLY', byday: 'TU', opensAt: '18:00', closesAt: '20:00' }],
  taxonomyTermIds: ['866b68c7-f907-4b10-8573-532dd84ffa5b'],
  ...extra,
});

export interface DirectoryCast {
  region: { id: string; slug: string };
  elsewhere: { id: string; slug: string };
  lero: { id: string };
  otherLero: { id: string };
  tokens: Record<Who, string | undefined>;
  emails: Partial<Record<Who, string>>;
  as(who: Who): ApiClient;
  /** Someone given a region role by `inviter` (a platform admin, or the region's own admin), signed in. */
  regionUser(regionId: string, role: string, inviter: string): Promise<{ email: string; token: string }>;
  /** Each of the cast's status for one call, made afresh for each (`call` may set up what it needs). */
  statuses(call: (api: ApiClient, who: Who) => Promise<ApiResponse>): Promise<Matrix>;
}

/**
 * A region with its admin, a directory curator its admin appointed, a commissioner, a LERO with its four roles,
 * another LERO of the region, and another region with its own admin and curator.
 */
export async function directoryCast(h: DistributedHearth): Promise<DirectoryCast> {
  const tokens = {} as Record<Who, string | undefined>;
  const emails: Partial<Record<Who, string>> = {};
  let n = 0;
  const as = (who: Who) => h.api.as(tokens[who]);
  const regionUser = async (regionId: string, role: string, inviter: string) => {
    const email = `${role}-${++n}-${regionId.slice(-6)}@example.org`;
    const invite = await h.api
      .as(inviter)
      .post<Json>(`/api/v1/regions/${regionId}/invitations`, { email, role });
    if (invite.status !== 201)
      throw new Error(`invite ${role}: ${invite.status} ${JSON.stringify(invite.body)}`);
    return { email, token: await h.given.acceptInvitation(invite.body.token as string, email, PASSWORD) };
  };
  tokens['platform admin'] = await h.given.platformAdmin();
  const platform = tokens['platform admin'];
  const region = await h.given.region(platform);
  const elsewhere = await h.given.region(platform);
  tokens['region admin'] = (await regionUser(region.id, 'region-admin', platform)).token;
  const curator = await regionUser(region.id, 'directory-curator', tokens['region admin']);
  tokens['directory curator'] = curator.token;
  emails['directory curator'] = curator.email;
  tokens.commissioner = (await regionUser(region.id, 'commissioner', tokens['region admin'])).token;
  tokens['another region’s admin'] = (await regionUser(elsewhere.id, 'region-admin', platform)).token;
  tokens['another region’s curator'] = (
    await regionUser(elsewhere.id, 'directory-curator', tokens['another region’s admin'])
  ).token;
  const lero = await h.given.lero(region.id, tokens['region admin']);
  tokens['tenant-admin'] = lero.adminToken;
  for (const role of ['coordinator', 'volunteer', 'member'] as const)
    tokens[role] = (await h.given.tenantUser(lero.id, role, lero.adminToken)).token;
  const otherLero = await h.given.lero(region.id, tokens['region admin']);
  tokens['another LERO’s admin'] = otherLero.adminToken;
  return {
    region,
    elsewhere,
    lero,
    otherLero,
    tokens,
    emails,
    as,
    regionUser,
    async statuses(call) {
      const actual = {} as Matrix;
      for (const who of DIRECTORY_CAST) actual[who] = (await call(as(who), who)).status;
      return actual;
    },
  };
}
