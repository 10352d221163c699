import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../paging';
import { CreateListingDto, UpdateListingDto } from './listing.dto';

export const SUGGESTION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];
/** A new listing, or a change to one already listed. */
export type SuggestionKind = 'new' | 'change';

export const SUGGESTION_REASON_MAX = 1000;

/** Who a suggestion came from: a LERO, or an import of another feed (ADR 0041, mode `suggestions`). */
export const SUGGESTION_ORIGINS = ['lero', 'import'] as const;
export type SuggestionOrigin = (typeof SUGGESTION_ORIGINS)[number];

/**
 * A LERO's suggestion: without `listingId`, a new listing (the body of creating one: `name` and an organisation
 * are required, which the directory checks); with it, a change to that listing (the body of changing one: only
 * what should change).
 */
export class SuggestListingDto extends UpdateListingDto {
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a listing of this region' })
  listingId?: string;

  /** For a new listing: an organisation already listed (else `organization`, a new one). */
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;
}

/**
 * A curator's edits on approving, applied on top of the suggestion (the fields of changing a listing;
 * `organizationId` puts a new listing under an organisation already listed instead of the suggested one).
 */
export class ApproveSuggestionDto extends UpdateListingDto {
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;
}

/** Why a curator turned a suggestion down: the LERO sees it. */
export class RejectSuggestionDto {
  @IsString()
  @MinLength(1, { message: 'must say why' })
  @MaxLength(SUGGESTION_REASON_MAX)
  reason!: string;
}

export class ListSuggestionsQuery extends PageQuery {
  @IsOptional()
  @IsIn(SUGGESTION_STATUSES, { message: 'must be pending, approved or rejected' })
  status?: SuggestionStatus;
}

/** The region's queue may be narrowed to LEROs' suggestions, or to imports' (all imports', or one import's). */
export class RegionSuggestionsQuery extends ListSuggestionsQuery {
  @IsOptional()
  @IsIn(SUGGESTION_ORIGINS, { message: 'must be lero or import' })
  origin?: SuggestionOrigin;

  @IsOptional()
  @IsUUID('all', { message: 'must be the id of an import of this region' })
  importId?: string;
}

/** Message payloads: a LERO's side (`tenantId`), a region's curators' side (`regionId`). */
export class SuggestListingRequest extends SuggestListingDto {
  @IsUUID('all')
  tenantId!: string;
}
export class LeroSuggestionsRequest extends ListSuggestionsQuery {
  @IsUUID('all')
  tenantId!: string;
}
export class LeroSuggestionRequest {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  suggestionId!: string;
}
export class RegionSuggestionsRequest extends RegionSuggestionsQuery {
  @IsUUID('all')
  regionId!: string;
}
export class SuggestionRequest {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  suggestionId!: string;
}
export class ApproveSuggestionRequest extends ApproveSuggestionDto {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  suggestionId!: string;
}
export class RejectSuggestionRequest extends RejectSuggestionDto {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  suggestionId!: string;
}

/** What a suggestion asked for: the body of creating a listing, or of changing one. */
export type SuggestedListing = CreateListingDto | UpdateListingDto;

/**
 * A suggestion as its LERO and the region's curators see it: what was asked, its status, the curator's reason
 * when rejected, and the listing it became (or changed) when approved. An import's suggestion has no LERO: it
 * names the import and the feed's record (`source`, `sourceId`), and its LEROs never see it.
 */
export interface SuggestionView {
  id: string;
  regionId: string;
  origin: SuggestionOrigin;
  /** The LERO that suggested it; null for an import's. */
  tenantId: string | null;
  /** The import that last wrote it (an import's suggestion), else null. */
  importId: string | null;
  /** The feed (its base address) and the feed's id of the service (an import's suggestion), else null. */
  source: string | null;
  sourceId: string | null;
  kind: SuggestionKind;
  /** A change: the listing to change; approved: the listing it became or changed. */
  listingId: string | null;
  status: SuggestionStatus;
  /**
   * A LERO's: the body it sent. An import's: the feed's record as a listing's fields (its first place and contact,
   * its organisation), or `{status: "inactive"}` for a listing the feed no longer has; approving writes the whole
   * record, as an import into listings would.
   */
  suggestion: SuggestedListing;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
}
