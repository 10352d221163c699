import { Injectable } from '@nestjs/common';
import {
  AppError,
  DirectoryEvents,
  notFound,
  type ApproveSuggestionRequest,
  type CreateListingDto,
  type Page,
  type RegionSuggestionsRequest,
  type RejectSuggestionRequest,
  type RequestContext,
  type SuggestionKind,
  type SuggestionRequest,
  type SuggestionView,
  type UpdateListingDto,
} from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import type { Statement, TenantTransaction } from '@hearth/persistence';
import { DirectoryDatabase } from '../directory-database';
import { authoriseInRegion, type AuthorisedInRegion } from '../directory-access';
import { ListingsService } from '../listings/listings.service';
import { ImportApproval } from './import-approval';
import { withEdits } from './suggestion-rules';
import { suggestionView } from './suggestion.view';
import { SuggestionsRepository } from './suggestions.repository';
import { suggestionPage } from './suggestions.service';

type Row = Record<string, unknown>;

/**
 * A region's curators (its admins and directory curators) work through LEROs' and imports' suggestions: approving one writes
 * the listing through curation's own path (its change log and events) and marks the suggestion, in one
 * transaction; rejecting one keeps the reason, which the LERO sees.
 */
@Injectable()
export class SuggestionReviewService {
  constructor(
    private readonly db: DirectoryDatabase,
    private readonly suggestions: SuggestionsRepository,
    private readonly listings: ListingsService,
    private readonly imported: ImportApproval,
  ) {}

  /** The region's suggestions, oldest first (`status=pending`: the queue). */
  async list(ctx: RequestContext, dto: RegionSuggestionsRequest): Promise<Page<SuggestionView>> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'read', 'Suggestion');
    return suggestionPage(this.db, this.suggestions, a.regionId, dto);
  }

  async get(ctx: RequestContext, dto: SuggestionRequest): Promise<SuggestionView> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'read', 'Suggestion');
    const one = this.suggestions.one(dto.suggestionId.toLowerCase());
    const [row] = await this.db.readInRegion<Row>(a.regionId, one.sql, one.params);
    if (!row) throw notFound('Suggestion');
    return suggestionView(row);
  }

  /** The listing made or changed as suggested, with the curator's edits on top. */
  async approve(ctx: RequestContext, dto: ApproveSuggestionRequest): Promise<SuggestionView> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'update', 'Suggestion');
    return this.decide(a, dto.suggestionId, async (tx, s) => {
      const listingId =
        s.import_id !== null
          ? await this.imported.approveIn(tx, a, s, dto)
          : await this.fromLero(tx, a, s, dto);
      return [
        this.suggestions.decide(String(s.id), { status: 'approved', listingId }, a.actor.accountId),
        this.event(tx, a, DirectoryEvents.suggestionApproved, s, listingId),
      ];
    });
  }

  /** A LERO's suggestion: its body, with the curator's edits, as curation creates or changes a listing. */
  private async fromLero(
    tx: TenantTransaction,
    a: AuthorisedInRegion,
    s: Row,
    dto: ApproveSuggestionRequest,
  ) {
    const kind = s.kind as SuggestionKind;
    const listing = withEdits(kind, s.body as CreateListingDto | UpdateListingDto, dto);
    const view =
      kind === 'new'
        ? await this.listings.createIn(tx, a, listing as CreateListingDto)
        : await this.listings.updateIn(tx, a, String(s.listing_id), listing as UpdateListingDto);
    return view.id;
  }

  async reject(ctx: RequestContext, dto: RejectSuggestionRequest): Promise<SuggestionView> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'update', 'Suggestion');
    const reason = dto.reason.trim();
    if (!reason)
      throw new AppError('VALIDATION', 'Invalid reason: must say why.', {
        errors: [{ field: 'reason', message: 'must say why' }],
      });
    return this.decide(a, dto.suggestionId, async (tx, s) => [
      this.suggestions.decide(String(s.id), { status: 'rejected', reason }, a.actor.accountId),
      this.event(
        tx,
        a,
        DirectoryEvents.suggestionRejected,
        s,
        s.listing_id === null ? undefined : String(s.listing_id),
      ),
    ]);
  }

  /** A pending suggestion of the region, locked; `work` answers the statements of the decision. */
  private decide(
    a: AuthorisedInRegion,
    suggestionId: string,
    work: (tx: TenantTransaction, suggestion: Row) => Promise<Statement[]>,
  ): Promise<SuggestionView> {
    const id = suggestionId.toLowerCase();
    return this.db.transactInRegion(a.regionId, async (tx) => {
      const [[suggestion]] = await tx.run<Row[][]>(this.suggestions.one(id, { lock: true }));
      if (!suggestion) throw notFound('Suggestion');
      if (suggestion.status !== 'pending')
        throw new AppError('CONFLICT', `This suggestion has already been ${String(suggestion.status)}.`);
      const statements = await work(tx, suggestion);
      const [[row]] = (await tx.run<Row[][]>([...statements, this.suggestions.one(id)])).slice(-1);
      return suggestionView(row);
    });
  }

  private event(
    tx: TenantTransaction,
    a: AuthorisedInRegion,
    subject: typeof DirectoryEvents.suggestionApproved | typeof DirectoryEvents.suggestionRejected,
    s: Row,
    listingId: string | undefined,
  ) {
    // A LERO's suggestion's events are filed under it; an import's name the import and no LERO.
    const tenantId = s.tenant_id === null ? null : String(s.tenant_id);
    const origin = tenantId ? { tenantId } : { importId: String(s.import_id) };
    return eventStatement(
      tx,
      'directory',
      subject,
      { regionId: a.regionId, suggestionId: String(s.id), ...origin, ...(listingId ? { listingId } : {}) },
      tenantId,
    );
  }
}
