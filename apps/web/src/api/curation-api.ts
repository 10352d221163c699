import type {
  ApproveSuggestionDto,
  CreateListingDto,
  DirectorySettingsView,
  ListingStatus,
  ListingView,
  Page,
  SuggestionStatus,
  SuggestionView,
  UpdateListingDto,
} from '@hearth/contracts';
import { queryString } from './directory-feed-api';
import type { CallContext, HearthApi } from './hearth-api';

/** A page of a list: how many, after which cursor. */
export interface PageAsk {
  limit?: number;
  cursor?: string;
}

/**
 * A region's directory as its curators see it (`/api/v1/regions/{regionId}/directory/...`, ADR 0035 and 0040):
 * listings, assurance, "needs review", the team's address, and the queue of LEROs' suggestions.
 */
export class CurationApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
  ) {}

  private call = <T>(method: string, regionId: string, path: string, body?: unknown) =>
    this.api.request<T>(
      method,
      `/api/v1/regions/${encodeURIComponent(regionId)}/directory${path}`,
      this.ctx,
      body,
    );

  listings = (regionId: string, query: PageAsk & { status?: ListingStatus } = {}) =>
    this.call<Page<ListingView>>('GET', regionId, `/services${queryString(query)}`);
  listing = (regionId: string, listingId: string) =>
    this.call<ListingView>('GET', regionId, `/services/${encodeURIComponent(listingId)}`);
  createListing = (regionId: string, dto: CreateListingDto) =>
    this.call<ListingView>('POST', regionId, '/services', dto);
  updateListing = (regionId: string, listingId: string, dto: UpdateListingDto) =>
    this.call<ListingView>('PATCH', regionId, `/services/${encodeURIComponent(listingId)}`, dto);
  retireListing = (regionId: string, listingId: string) =>
    this.call<ListingView>('POST', regionId, `/services/${encodeURIComponent(listingId)}/retire`);
  assureListing = (regionId: string, listingId: string) =>
    this.call<ListingView>('POST', regionId, `/services/${encodeURIComponent(listingId)}/assure`);
  needsReview = (regionId: string, query: PageAsk = {}) =>
    this.call<Page<ListingView>>('GET', regionId, `/needs-review${queryString(query)}`);
  settings = (regionId: string) => this.call<DirectorySettingsView>('GET', regionId, '/settings');
  updateSettings = (regionId: string, contactEmail: string | null) =>
    this.call<DirectorySettingsView>('PUT', regionId, '/settings', { contactEmail });

  suggestions = (regionId: string, query: PageAsk & { status?: SuggestionStatus } = {}) =>
    this.call<Page<SuggestionView>>('GET', regionId, `/suggestions${queryString(query)}`);
  suggestion = (regionId: string, suggestionId: string) =>
    this.call<SuggestionView>('GET', regionId, `/suggestions/${encodeURIComponent(suggestionId)}`);
  approve = (regionId: string, suggestionId: string, edits: ApproveSuggestionDto = {}) =>
    this.call<SuggestionView>(
      'POST',
      regionId,
      `/suggestions/${encodeURIComponent(suggestionId)}/approve`,
      edits,
    );
  reject = (regionId: string, suggestionId: string, reason: string) =>
    this.call<SuggestionView>('POST', regionId, `/suggestions/${encodeURIComponent(suggestionId)}/reject`, {
      reason,
    });
}
