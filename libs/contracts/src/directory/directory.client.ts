import type { RequestContext } from '../envelope';
import type { Requester } from '../requester';
import type { Page, PageQuery } from '../paging';
import { DirectorySubjects as S } from './subjects';
import type { CreateListingDto, ListListingsQuery, ListingView, UpdateListingDto } from './listing.dto';
import type { RecordSignpostDto, SignpostView } from './signpost.dto';
import type { OrukPage, OrukQuery, OrukResource, OrukRootView } from './oruk.dto';
import type { TermMappingsDto, TermMappingsView } from './term-mapping.dto';
import type { DirectorySettingsDto, DirectorySettingsView, NeedsReviewQuery } from './curation.dto';
import type {
  ApproveSuggestionDto,
  ListSuggestionsQuery,
  RegionSuggestionsQuery,
  RejectSuggestionDto,
  SuggestListingDto,
  SuggestionView,
} from './suggestion.dto';
import {
  DIRECTORY_EXPORT_PAGE_TIMEOUT_MS,
  type ExportPageRequest,
  type HsdsJsonPage,
  type HsdsTablePage,
  type ImportView,
  type StartImportDto,
} from './transfer.dto';

/** The typed face of the directory service for its callers (the gateway). */
export class DirectoryClient {
  constructor(private readonly bus: Requester) {}

  createListing = (ctx: RequestContext, regionId: string, dto: CreateListingDto) =>
    this.bus.request<ListingView>(S.createListing, ctx, { ...dto, regionId });
  listListings = (ctx: RequestContext, regionId: string, query: ListListingsQuery) =>
    this.bus.request<Page<ListingView>>(S.listListings, ctx, { ...query, regionId });
  getListing = (ctx: RequestContext, regionId: string, listingId: string) =>
    this.bus.request<ListingView>(S.getListing, ctx, { regionId, listingId });
  updateListing = (ctx: RequestContext, regionId: string, listingId: string, dto: UpdateListingDto) =>
    this.bus.request<ListingView>(S.updateListing, ctx, { ...dto, regionId, listingId });
  retireListing = (ctx: RequestContext, regionId: string, listingId: string) =>
    this.bus.request<ListingView>(S.retireListing, ctx, { regionId, listingId });
  assureListing = (ctx: RequestContext, regionId: string, listingId: string) =>
    this.bus.request<ListingView>(S.assureListing, ctx, { regionId, listingId });
  needsReview = (ctx: RequestContext, regionId: string, query: NeedsReviewQuery) =>
    this.bus.request<Page<ListingView>>(S.needsReview, ctx, { ...query, regionId });
  getSettings = (ctx: RequestContext, regionId: string) =>
    this.bus.request<DirectorySettingsView>(S.getSettings, ctx, { regionId });
  updateSettings = (ctx: RequestContext, regionId: string, dto: DirectorySettingsDto) =>
    this.bus.request<DirectorySettingsView>(S.updateSettings, ctx, { ...dto, regionId });

  suggestListing = (ctx: RequestContext, tenantId: string, dto: SuggestListingDto) =>
    this.bus.request<SuggestionView>(S.suggestListing, ctx, { ...dto, tenantId });
  listLeroSuggestions = (ctx: RequestContext, tenantId: string, query: ListSuggestionsQuery) =>
    this.bus.request<Page<SuggestionView>>(S.listLeroSuggestions, ctx, { ...query, tenantId });
  getLeroSuggestion = (ctx: RequestContext, tenantId: string, suggestionId: string) =>
    this.bus.request<SuggestionView>(S.getLeroSuggestion, ctx, { tenantId, suggestionId });
  listSuggestions = (ctx: RequestContext, regionId: string, query: RegionSuggestionsQuery) =>
    this.bus.request<Page<SuggestionView>>(S.listSuggestions, ctx, { ...query, regionId });
  getSuggestion = (ctx: RequestContext, regionId: string, suggestionId: string) =>
    this.bus.request<SuggestionView>(S.getSuggestion, ctx, { regionId, suggestionId });
  approveSuggestion = (
    ctx: RequestContext,
    regionId: string,
    suggestionId: string,
    dto: ApproveSuggestionDto,
  ) => this.bus.request<SuggestionView>(S.approveSuggestion, ctx, { ...dto, regionId, suggestionId });
  rejectSuggestion = (
    ctx: RequestContext,
    regionId: string,
    suggestionId: string,
    dto: RejectSuggestionDto,
  ) => this.bus.request<SuggestionView>(S.rejectSuggestion, ctx, { ...dto, regionId, suggestionId });

  recordSignpost = (ctx: RequestContext, tenantId: string, dto: RecordSignpostDto) =>
    this.bus.request<SignpostView>(S.recordSignpost, ctx, { ...dto, tenantId });

  getTermMappings = (ctx: RequestContext, regionId: string, termId: string) =>
    this.bus.request<TermMappingsView>(S.getTermMappings, ctx, { regionId, termId });
  setTermMappings = (ctx: RequestContext, regionId: string, termId: string, dto: TermMappingsDto) =>
    this.bus.request<TermMappingsView>(S.setTermMappings, ctx, { ...dto, regionId, termId });

  orukRoot = (ctx: RequestContext, regionSlug: string) =>
    this.bus.request<OrukRootView>(S.orukRoot, ctx, { regionSlug });
  orukList = (ctx: RequestContext, regionSlug: string, resource: OrukResource, query: OrukQuery) =>
    this.bus.request<OrukPage>(S.orukList, ctx, { ...query, regionSlug, resource });
  orukItem = (ctx: RequestContext, regionSlug: string, resource: OrukResource, id: string) =>
    this.bus.request<Record<string, unknown>>(S.orukItem, ctx, { regionSlug, resource, id });

  startImport = (ctx: RequestContext, regionId: string, dto: StartImportDto) =>
    this.bus.request<ImportView>(S.startImport, ctx, { ...dto, regionId });
  getImport = (ctx: RequestContext, regionId: string, importId: string) =>
    this.bus.request<ImportView>(S.getImport, ctx, { regionId, importId });
  listImports = (ctx: RequestContext, regionId: string, query: PageQuery) =>
    this.bus.request<Page<ImportView>>(S.listImports, ctx, { ...query, regionId });
  exportJsonPage = (ctx: RequestContext, page: Omit<ExportPageRequest, 'kind'>) =>
    this.bus.request<HsdsJsonPage>(
      S.exportPage,
      ctx,
      { ...page, kind: 'json' },
      { timeoutMs: DIRECTORY_EXPORT_PAGE_TIMEOUT_MS },
    );
  exportTablePage = (ctx: RequestContext, page: Omit<ExportPageRequest, 'kind'>) =>
    this.bus.request<HsdsTablePage>(
      S.exportPage,
      ctx,
      { ...page, kind: 'table' },
      { timeoutMs: DIRECTORY_EXPORT_PAGE_TIMEOUT_MS },
    );
}
