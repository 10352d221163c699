import type { ApiClient, ApiResponse } from '@hearth/testing';
import type { DistributedHearth } from './hearth.harness';

/** Everyone a route inside a LERO answers differently: its four roles, its region's staff, outsiders. */
export const LERO_CAST = [
  'platform admin',
  'region admin',
  'commissioner',
  'tenant-admin',
  'coordinator',
  'volunteer',
  'member',
  'another LERO’s admin',
  'anonymous',
] as const;
export type Who = (typeof LERO_CAST)[number];
export type Matrix = Record<Who, number>;

/** Each of the cast's status for one call (made afresh for each, in the cast's order). */
export async function statusesOf(
  as: (who: Who) => ApiClient,
  call: (api: ApiClient, who: Who) => Promise<ApiResponse>,
): Promise<Matrix> {
  const actual = {} as Matrix;
  for (const who of LERO_CAST) actual[who] = (await call(as(who), who)).status;
  return actual;
}

/** The body of a response of the expected status; otherwise a failure that shows what came instead. */
export const bodyOf = <T>(res: ApiResponse<T>, status: number): T => {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};

/** The fields a 400 problem+json names (each once); fails on any other answer. */
export const problemFieldsOf = (res: ApiResponse<{ errors?: { field: string }[] }>) => {
  expect([res.status, res.headers.get('content-type')]).toEqual([
    400,
    expect.stringContaining('problem+json'),
  ]);
  return [...new Set((res.body.errors ?? []).map((e) => e.field))];
};

/** Inside a LERO: nobody outside it learns anything of it (404); its people without the right are refused (403). */
export const inLero = (allowed: Partial<Matrix>): Matrix => ({
  'platform admin': 404,
  'region admin': 404,
  commissioner: 404,
  'tenant-admin': 403,
  coordinator: 403,
  volunteer: 403,
  member: 403,
  'another LERO’s admin': 404,
  anonymous: 401,
  ...allowed,
});
/** A region's route: its admins as `allowed` says, its commissioners refused, everyone else told it is missing. */
export const inRegion = (allowed: Partial<Matrix>): Matrix => ({
  'platform admin': 404,
  'region admin': 403,
  commissioner: 403,
  'tenant-admin': 404,
  coordinator: 404,
  volunteer: 404,
  member: 404,
  'another LERO’s admin': 404,
  anonymous: 401,
  ...allowed,
});
export const staffOfLero = (status: number) => ({ 'tenant-admin': status, coordinator: status });
export const everyoneInLero = (status: number) => ({
  ...staffOfLero(status),
  volunteer: status,
  member: status,
});

/** A region with two LEROs and a token for everyone of the cast (anonymous: none), for one test file. */
export async function castInRegion(h: Pick<DistributedHearth, 'api' | 'given'>) {
  const tokens = {} as Record<Who, string | undefined>;
  tokens['platform admin'] = await h.given.platformAdmin();
  const region = await h.given.region(tokens['platform admin']);
  for (const role of ['region-admin', 'commissioner'] as const) {
    const email = `${role}-${region.slug}@example.org`;
    const invite = await h.api
      .as(tokens['platform admin'])
      .post<{ token: string }>(`/api/v1/regions/${region.id}/invitations`, { email, role });
    tokens[role === 'region-admin' ? 'region admin' : 'commissioner'] = await h.given.acceptInvitation(
      invite.body.token,
      email,
    );
  }
  const lero = await h.given.lero(region.id, tokens['platform admin']);
  const other = await h.given.lero(region.id, tokens['platform admin']);
  tokens['tenant-admin'] = lero.adminToken;
  tokens['another LERO’s admin'] = other.adminToken;
  for (const r of ['coordinator', 'volunteer', 'member'] as const)
    tokens[r] = (await h.given.tenantUser(lero.id, r, lero.adminToken)).token;
  return { tokens, region, lero, other };
}

/** The ISO week of a date, `YYYY-Www`. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86_400_000);
  const week =
    Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / 86_400_000 / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
