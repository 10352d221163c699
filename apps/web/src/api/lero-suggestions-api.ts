import type { Page, SuggestListingDto, SuggestionStatus, SuggestionView } from '@hearth/contracts';
import type { PageAsk } from './curation-api';
import { queryString } from './directory-feed-api';
import type { CallContext, HearthApi } from './hearth-api';

/** A LERO's suggestions to its region's directory (`/api/v1/tenants/{tenantId}/directory/suggestions`, ADR 0040). */
export class LeroSuggestionsApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
  ) {}

  private path = (tenantId: string, rest = '') =>
    `/api/v1/tenants/${encodeURIComponent(tenantId)}/directory/suggestions${rest}`;

  suggest = (tenantId: string, dto: SuggestListingDto) =>
    this.api.request<SuggestionView>('POST', this.path(tenantId), this.ctx, dto);
  suggestions = (tenantId: string, query: PageAsk & { status?: SuggestionStatus } = {}) =>
    this.api.request<Page<SuggestionView>>('GET', this.path(tenantId, queryString(query)), this.ctx);
}
