import type {
  ApproveSuggestionDto,
  CreateListingDto,
  SuggestedListing,
  SuggestionKind,
  SuggestListingDto,
  UpdateListingDto,
} from '@hearth/contracts';
import { checkAges, invalid } from '../listings/listings.service';

/** The fields of a body that are given (a class instance has its declared fields even when unset). */
export function givenFields<T extends object>(dto: T, leaveOut: readonly string[] = []): Partial<T> {
  return Object.fromEntries(
    Object.entries(dto).filter(([key, value]) => value !== undefined && !leaveOut.includes(key)),
  ) as Partial<T>;
}

/**
 * What a LERO suggested, checked as curation would check it before it waits for a curator: a new listing needs
 * a name and one organisation (listed or new); a change says what should change, and an organisation's id is
 * only for a new listing. Answers the kind and the body to keep.
 */
export function suggestionOf(dto: SuggestListingDto): { kind: SuggestionKind; body: SuggestedListing } {
  const body = givenFields(dto, ['tenantId', 'listingId']);
  if (dto.listingId) {
    if (body.organizationId !== undefined)
      throw invalid('organizationId', 'is only for a new listing (give organization to change its details)');
    if (Object.keys(body).length === 0) throw invalid('listingId', 'give at least one field to change');
    checkAges(body.minimumAge, body.maximumAge);
    return { kind: 'change', body: body as UpdateListingDto };
  }
  if (!body.name) throw invalid('name', 'a new listing needs a name');
  if (!body.organizationId === !body.organization)
    throw invalid(
      'organization',
      'give either organizationId (one already listed) or organization (a new one)',
    );
  checkAges(body.minimumAge, body.maximumAge);
  return { kind: 'new', body: body as CreateListingDto };
}

/**
 * A curator's edits on top of what was suggested: each field given replaces the suggested one (`null` removes
 * it). For a new listing, choosing an organisation already listed drops the suggested new one, and the reverse.
 */
export function withEdits(kind: SuggestionKind, body: SuggestedListing, dto: ApproveSuggestionDto) {
  const edits = givenFields(dto, ['regionId', 'suggestionId']);
  if (kind === 'change') {
    if (edits.organizationId !== undefined)
      throw invalid('organizationId', 'is only for a new listing (give organization to change its details)');
    return { ...body, ...edits } as UpdateListingDto;
  }
  const merged: Partial<CreateListingDto> = { ...body, ...edits };
  if (edits.organizationId !== undefined) delete merged.organization;
  if (edits.organization !== undefined) delete merged.organizationId;
  return merged as CreateListingDto;
}
