import type { SuggestedListing, SuggestionKind, SuggestionStatus, SuggestionView } from '@hearth/contracts';

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)).toISOString());

/** A suggestion as its LERO and the region's curators see it, from its row. */
export function suggestionView(row: Record<string, unknown>): SuggestionView {
  return {
    id: String(row.id),
    regionId: String(row.region_id),
    tenantId: String(row.tenant_id),
    kind: row.kind as SuggestionKind,
    listingId: row.listing_id === null ? null : String(row.listing_id),
    status: row.status as SuggestionStatus,
    suggestion: row.body as SuggestedListing,
    reason: row.reason === null ? null : String(row.reason),
    createdAt: iso(row.created_at)!,
    decidedAt: iso(row.decided_at),
  };
}
