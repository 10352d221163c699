import { Injectable } from '@nestjs/common';
import {
  AppError,
  HSDS_JSON_PARTS,
  HSDS_TABLES,
  type ExportPageRequest,
  type HsdsJsonPage,
  type HsdsJsonPart,
  type HsdsTable,
  type HsdsTablePage,
  type RequestContext,
} from '@hearth/contracts';
import { boundedPage, type RegionId } from '@hearth/persistence';
import { authoriseInRegion } from '../directory-access';
import { ServiceGraphRepository } from '../hsds/service-graph.repository';
import { organizationOf, serviceOf, taxonomyOf, taxonomyTermOf, type Hsds } from '../hsds/hsds.view';
import { ExportsRepository, TABLE_COLUMNS } from './exports.repository';

/** What one page may hold as JSON: well inside NATS's 1 MiB payload. */
const PAGE_BYTES = 256 * 1024;
const TABLE_ROWS = 1000;
const SERVICES = 25;
const ROWS = 500;

const wrongPart = () =>
  new AppError('VALIDATION', 'Invalid part: not a part of this kind of export.', {
    errors: [{ field: 'part', message: 'is not a part of this kind of export' }],
  });

/**
 * A region's whole directory, as HSDS (ADR 0041): its admins and commissioners read it a page at a time, as
 * JSON parts (whole services, organisations, taxonomies, terms) or as the rows of each HSDS table. Every status
 * is in it (not only what the public feed shows), never the change log or where a listing was imported from.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly exports: ExportsRepository,
    private readonly graphs: ServiceGraphRepository,
  ) {}

  async page(ctx: RequestContext, dto: ExportPageRequest): Promise<HsdsJsonPage | HsdsTablePage> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'read');
    if (dto.kind === 'table') {
      if (!(HSDS_TABLES as readonly string[]).includes(dto.part)) throw wrongPart();
      return this.table(a.regionId, dto.part as HsdsTable, dto.cursor);
    }
    if (!(HSDS_JSON_PARTS as readonly string[]).includes(dto.part)) throw wrongPart();
    return this.json(a.regionId, dto.part as HsdsJsonPart, dto.cursor);
  }

  private async table(regionId: RegionId, table: HsdsTable, cursor?: string): Promise<HsdsTablePage> {
    const rows = await this.exports.tableRows(regionId, table, TABLE_ROWS + 1, cursor);
    const page = boundedPage(rows, TABLE_ROWS, PAGE_BYTES, (r) => r.cells);
    return { columns: TABLE_COLUMNS[table].map(([name]) => name), ...page };
  }

  private async json(regionId: RegionId, part: HsdsJsonPart, cursor?: string): Promise<HsdsJsonPage> {
    let items: { id: string; item: Hsds }[];
    let limit = ROWS;
    if (part === 'services') {
      limit = SERVICES;
      const ids = (await this.exports.serviceIds(regionId, SERVICES + 1, cursor)).map((r) => r.id);
      const graphs = await this.graphs.graphs(regionId, ids);
      items = graphs.map((g) => ({ id: String(g.service.id), item: serviceOf(g) }));
    } else {
      const view = { organizations: organizationOf, taxonomies: taxonomyOf, taxonomy_terms: taxonomyTermOf }[
        part
      ];
      const rows = await this.exports.rows(regionId, part, ROWS + 1, cursor);
      items = rows.map((r) => ({ id: r.id, item: view(r) }));
    }
    const page = boundedPage(items, limit, PAGE_BYTES, (r) => r.item);
    return { items: page.rows, nextCursor: page.nextCursor };
  }
}
