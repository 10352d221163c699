import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../paging';
import { CreateListingDto, UpdateListingDto } from './listing.dto';

export const SUGGESTION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];
/** A new listing, or a change to one already listed. */
export type SuggestionKind = 'new' | 'change';

export const SUGGESTION_REASON_MAX = 1000;

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
export class RegionSuggestionsRequest extends ListSuggestionsQuery {
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
 * when rejected, and the listing it became (or changed) when approved.
 */
export interface SuggestionView {
  id: string;
  regionId: string;
  /** The LERO that suggested it. */
  tenantId: string;
  kind: SuggestionKind;
  /** A change: the listing to change; approved: the listing it became or changed. */
  listingId: string | null;
  status: SuggestionStatus;
  suggestion: SuggestedListing;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
}
