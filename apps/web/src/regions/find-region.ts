import type { RegionView } from '@hearth/contracts';
import type { HearthApiCalls } from '../api/hearth-api';
import { PageNotFound } from '../http/web-errors';

/** A region the viewer's grants reach (the API lists exactly those); any other id is not found. */
export async function findRegion(calls: HearthApiCalls, regionId: string): Promise<RegionView> {
  const region = (await calls.regions()).items.find((r) => r.id === regionId);
  if (!region) throw new PageNotFound();
  return region;
}
