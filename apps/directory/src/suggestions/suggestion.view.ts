import type { SuggestedListing, SuggestionKind, SuggestionStatus, SuggestionView } from '@hearth/contracts';

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)).toISOString());

/** A suggestion as its LERO and the region's curators see it, from its row. */
export function suggestionView(row: Record<string, unknown>): SuggestionView {
  return {
    id: String(row.id),
    regionId: String(row.region_id),
    origin: row.import_id === null ? 'lero' : 'import',
    tenantId: str(row.tenant_id),
    importId: str(row.import_id),
    source: str(row.source),
    sourceId: str(row.source_id),
    kind: row.kind as SuggestionKind,
    listingId: str(row.listing_id),
    status: row.status as SuggestionStatus,
    suggestion: row.body as SuggestedListing,
    reason: str(row.reason),
    createdAt: iso(row.created_at)!,
    decidedAt: iso(row.decided_at),
  };
}
