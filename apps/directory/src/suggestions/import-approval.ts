import { Injectable } from '@nestjs/common';
import { AppError, type ApproveSuggestionDto, type UpdateListingDto } from '@hearth/contracts';
import type { TenantTransaction } from '@hearth/persistence';
import type { AuthorisedInRegion } from '../directory-access';
import type { MappedService } from '../imports/hsds-record.mapper';
import { ImportWriter } from '../imports/import-writer';
import { invalid, ListingsService } from '../listings/listings.service';
import { givenFields } from './suggestion-rules';
import { SuggestionsRepository } from './suggestions.repository';

type Row = Record<string, unknown>;

/**
 * Approving an import's suggestion (ADR 0041): the feed's record is written as an import into listings writes it
 * — the listing keeps the feed as its `source` and the feed's id as its `source_id`, and the record's digest, so
 * the next import finds it and, unchanged, leaves it — with the change log naming the curator who approved it.
 * The curator's edits go on top through curation's own path. "The feed no longer has it" makes the listing
 * inactive and forgets its digest, so that the record, should it come back, is suggested again.
 */
@Injectable()
export class ImportApproval {
  constructor(
    private readonly suggestions: SuggestionsRepository,
    private readonly writer: ImportWriter,
    private readonly listings: ListingsService,
  ) {}

  /** Writes the suggestion's listing in the caller's transaction; answers its id. */
  async approveIn(
    tx: TenantTransaction,
    a: AuthorisedInRegion,
    suggestion: Row,
    dto: ApproveSuggestionDto,
  ): Promise<string> {
    const edits = givenFields(dto, ['regionId', 'suggestionId']);
    if (edits.organizationId !== undefined)
      throw invalid('organizationId', 'is not for an imported listing: it keeps the feed’s organisation');
    const change = edits as UpdateListingDto;
    const [[s]] = await tx.run<Row[][]>(this.suggestions.importRecord(String(suggestion.id)));
    if (s.record === null) {
      const listingId = String(suggestion.listing_id);
      await this.listings.updateIn(tx, a, listingId, { status: 'inactive', ...change });
      await tx.run({
        sql: `update directory.services set source_digest = null where id = $1`,
        params: [listingId],
      });
      return listingId;
    }
    const source = String(s.source);
    const [[listing]] = await tx.run<Row[][]>({
      sql: `select status from directory.services where source = $1 and source_id = $2 for update`,
      params: [source, String(s.source_id)],
    });
    if (listing?.status === 'retired')
      throw new AppError(
        'CONFLICT',
        'The listing of this service has been retired since: reject the suggestion.',
      );
    const { serviceId } = await this.writer.writeIn(
      tx,
      { regionId: a.regionId, source, accountId: a.actor.accountId },
      s.record as MappedService,
      String(s.source_digest),
    );
    if (Object.keys(change).length > 0) await this.listings.updateIn(tx, a, serviceId, change);
    return serviceId;
  }
}
