import type { ApiClient, ApiResponse } from '@hearth/testing';

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
