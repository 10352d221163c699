import { Injectable } from '@nestjs/common';
import {
  DirectoryEvents,
  notFound,
  TenantsClient,
  type LeroSuggestionRequest,
  type LeroSuggestionsRequest,
  type Page,
  type RequestContext,
  type SuggestionOrigin,
  type SuggestionStatus,
  type SuggestionView,
  type SuggestListingRequest,
} from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import type { RegionId, TenantId } from '@hearth/persistence';
import { uuidv7 } from 'uuidv7';
import { DirectoryDatabase } from '../directory-database';
import { authoriseInLero, regionOfLero, type Authorised } from '../directory-access';
import { ListingsRepository } from '../listings/listings.repository';
import { invalid, ListingsService } from '../listings/listings.service';
import { suggestionOf } from './suggestion-rules';
import { suggestionView } from './suggestion.view';
import { SuggestionsRepository } from './suggestions.repository';

type Row = Record<string, unknown>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A page of suggestions read in one region (RLS): the region's queue, or a LERO's own. */
export async function suggestionPage(
  db: DirectoryDatabase,
  repo: SuggestionsRepository,
  regionId: RegionId,
  query: {
    limit?: number;
    cursor?: string;
    status?: SuggestionStatus;
    origin?: SuggestionOrigin;
    importId?: string;
  },
  tenantId?: TenantId,
): Promise<Page<SuggestionView>> {
  const limit = query.limit ?? 50;
  if (query.cursor && !UUID.test(query.cursor)) throw invalid('cursor', 'is not a cursor this list gave');
  const { status, origin, importId } = query;
  const page = repo.page(limit + 1, query.cursor?.toLowerCase(), { status, origin, importId, tenantId });
  const rows = await db.readInRegion<Row>(regionId, page.sql, page.params);
  const items = rows.slice(0, limit).map(suggestionView);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}

/**
 * A LERO's admins and coordinators suggest a listing, or a change to one, to their region's curators, and
 * follow what became of it. A suggestion is the region's (its curators decide it) and names the LERO, which sees
 * only its own.
 */
@Injectable()
export class SuggestionsService {
  constructor(
    private readonly db: DirectoryDatabase,
    private readonly suggestions: SuggestionsRepository,
    private readonly listings: ListingsService,
    private readonly listingRows: ListingsRepository,
    private readonly tenants: TenantsClient,
  ) {}

  async submit(ctx: RequestContext, dto: SuggestListingRequest): Promise<SuggestionView> {
    const lero = authoriseInLero(ctx.actor, dto.tenantId, 'create', 'Suggestion');
    const { kind, body } = suggestionOf(dto);
    const regionId = await this.regionOf(ctx, lero);
    const listingId = dto.listingId?.toLowerCase() ?? null;
    return this.db.transactInRegion(regionId, async (tx) => {
      await this.listings.checkTerms(tx, body.taxonomyTermIds);
      if (listingId) {
        const [[listing]] = await tx.run<Row[][]>(this.suggestions.listingStatus(listingId));
        if (!listing || listing.status === 'retired') throw notFound('Listing');
      }
      const organizationId = 'organizationId' in body ? body.organizationId : undefined;
      if (organizationId) {
        const [found] = await tx.run<Row[][]>(
          this.listingRows.organizationExists(organizationId.toLowerCase()),
        );
        if (found.length === 0) throw invalid('organizationId', 'is not an organisation of this region');
      }
      const id = uuidv7();
      const [, , [row]] = await tx.run<Row[][]>([
        this.suggestions.insert(regionId, {
          id,
          tenantId: lero.tenantId,
          kind,
          listingId,
          body,
          accountId: lero.actor.accountId,
        }),
        eventStatement(
          tx,
          'directory',
          DirectoryEvents.suggestionSubmitted,
          {
            regionId,
            suggestionId: id,
            tenantId: lero.tenantId,
            ...(listingId ? { listingId } : {}),
          },
          lero.tenantId,
        ),
        this.suggestions.one(id),
      ]);
      return suggestionView(row);
    });
  }

  /** The LERO's own suggestions, newest first, with what the curators decided. */
  async listOwn(ctx: RequestContext, dto: LeroSuggestionsRequest): Promise<Page<SuggestionView>> {
    const lero = authoriseInLero(ctx.actor, dto.tenantId, 'read', 'Suggestion');
    const regionId = await this.regionOf(ctx, lero);
    return suggestionPage(this.db, this.suggestions, regionId, dto, lero.tenantId);
  }

  async getOwn(ctx: RequestContext, dto: LeroSuggestionRequest): Promise<SuggestionView> {
    const lero = authoriseInLero(ctx.actor, dto.tenantId, 'read', 'Suggestion');
    const regionId = await this.regionOf(ctx, lero);
    const one = this.suggestions.one(dto.suggestionId.toLowerCase(), { tenantId: lero.tenantId });
    const [row] = await this.db.readInRegion<Row>(regionId, one.sql, one.params);
    if (!row) throw notFound('Suggestion');
    return suggestionView(row);
  }

  /** The LERO's region, as the tenants service knows it (asked with the caller's own token). */
  private async regionOf(ctx: RequestContext, lero: Authorised): Promise<RegionId> {
    return regionOfLero(lero, await this.tenants.tenantAccess(ctx, lero.tenantId));
  }
}
