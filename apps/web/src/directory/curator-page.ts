import { Injectable, type PipeTransform } from '@nestjs/common';
import type { RegionView } from '@hearth/contracts';
import { CurationApi } from '../api/curation-api';
import { DirectoryFeedApi } from '../api/directory-feed-api';
import { HearthApi, type HearthApiCalls } from '../api/hearth-api';
import { pageLookup, type PageLookup } from '../http/lero-page';
import type { WebRequest } from '../http/pages';
import { pathUuid } from '../http/params';
import { NotSignedIn, PageForbidden } from '../http/web-errors';
import { curatesDirectoryOf, regionAdminOf } from '../navigation/navigation';
import { findRegion } from '../regions/find-region';
import { callContext } from '../session/session-auth.service';
import type { Viewer } from '../session/web-session';

/** Who may see a curator's page: its curators (admins and directory curators), or its admins only (settings). */
export type CuratorRule = 'curators' | 'admins';

/** The region whose directory a curator's page is about (its path's `:regionId`), as the viewer sees it. */
export interface CuratorPage {
  region: RegionView;
  viewer: Viewer;
  calls: HearthApiCalls;
  curation: CurationApi;
  feed: DirectoryFeedApi;
}

/**
 * The region `regionId`, when the viewer curates its directory: a region they cannot see (another region's
 * curator, a LERO's people) is a 404 as the API answers; one they see but do not curate (its commissioners, the
 * platform admin, whom the directory refuses) the friendly 403.
 */
export async function curatorPage(
  api: HearthApi,
  req: WebRequest,
  regionId: string,
  rule: CuratorRule = 'curators',
): Promise<CuratorPage> {
  const viewer = req.viewer;
  if (!viewer) throw new NotSignedIn();
  const ctx = callContext(req, viewer.accessToken);
  const calls = api.for(ctx);
  const region = await findRegion(calls, regionId);
  const allowed =
    rule === 'admins' ? regionAdminOf(viewer, region.id) : curatesDirectoryOf(viewer, region.id);
  if (!allowed) throw new PageForbidden();
  return {
    region,
    viewer,
    calls,
    curation: new CurationApi(api, ctx),
    feed: new DirectoryFeedApi(api, callContext(req)),
  };
}

@Injectable()
export class CuratorPagePipe implements PipeTransform<PageLookup<CuratorRule>, Promise<CuratorPage>> {
  constructor(private readonly api: HearthApi) {}

  async transform({ req, rule }: PageLookup<CuratorRule>): Promise<CuratorPage> {
    return curatorPage(this.api, req, await pathUuid(req.params, 'regionId'), rule);
  }
}

/** `@Curator() page: CuratorPage`: the region of the path's `:regionId`, for its curators (behind `@SignedIn()`). */
export const Curator = (rule?: CuratorRule): ParameterDecorator => pageLookup(rule, CuratorPagePipe);
