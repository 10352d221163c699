import { Injectable } from '@nestjs/common';
import {
  OPENACTIVE_KINDS,
  TenantsClient,
  type OpenActiveFeedPage,
  type OpenActiveFeedRequest,
  type OpenActiveItem,
  type OpenActiveKind,
  type RequestContext,
} from '@hearth/contracts';
import { EventsDatabase } from '../events-database';
import { openActiveRegionOf } from '../events-access';
import { withAddresses } from './openactive-model.util';

/** RPDE recommends at least 500 items a page. */
export const OPENACTIVE_PAGE_SIZE = 500;

interface ItemRow {
  kind: OpenActiveKind;
  id: string;
  modified_text: string;
  state: 'updated' | 'deleted';
  data: Record<string, unknown> | null;
}

/** A page of a region's OpenActive feed: items after (`modified`, `id`), in that order (ADR 0078). */
@Injectable()
export class OpenActiveFeedService {
  constructor(
    private readonly tenants: TenantsClient,
    private readonly db: EventsDatabase,
  ) {}

  async page(ctx: RequestContext, dto: OpenActiveFeedRequest): Promise<OpenActiveFeedPage> {
    const region = await this.tenants.regionBySlug(ctx, dto.regionSlug);
    const kind = OPENACTIVE_KINDS[dto.feed];
    const after = dto.afterTimestamp !== undefined && dto.afterId !== undefined;
    const rows = await this.db.readInRegion<ItemRow>(
      openActiveRegionOf(region),
      `select kind, id, modified::text as modified_text, state, data from events.openactive_items
        where region_id = $1 and kind = $2 ${after ? 'and (modified, id) > ($3::bigint, $4::uuid)' : ''}
        order by openactive_items.modified, openactive_items.id limit ${OPENACTIVE_PAGE_SIZE}`,
      after ? [region.id, kind, dto.afterTimestamp as string, dto.afterId as string] : [region.id, kind],
    );
    const at = {
      origin: dto.base,
      base: `${dto.base}/api/v1/public/regions/${region.slug}/openactive`,
      regionName: region.name,
    };
    const items = rows.map((r): OpenActiveItem =>
      r.state === 'updated' && r.data
        ? {
            state: 'updated',
            kind: r.kind,
            id: r.id,
            modified: Number(r.modified_text),
            data: withAddresses(r.kind, r.id, r.data, at),
          }
        : { state: 'deleted', kind: r.kind, id: r.id, modified: Number(r.modified_text) },
    );
    return { items, full: items.length === OPENACTIVE_PAGE_SIZE };
  }
}
