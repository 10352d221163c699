import type { ListingView, SuggestionStatus, SuggestionView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import type { HearthApiCalls } from '../api/hearth-api';
import { dateAndTime } from '../http/time';
import { detailsOf, type ListingDetails } from './listing-details';
import {
  CHANGEABLE,
  FIELD_NAMES,
  shapeOfListing,
  shapeOfSuggestion,
  type Changeable,
  type ListingShape,
} from './listing-shape';

/** A suggestion's status as a GOV.UK tag. */
export const SUGGESTION_TAGS: Record<SuggestionStatus, { text: string; classes: string }> = {
  pending: { text: 'Waiting for a curator', classes: 'govuk-tag--blue' },
  approved: { text: 'Approved', classes: 'govuk-tag--green' },
  rejected: { text: 'Not approved', classes: 'govuk-tag--red' },
};

/** A field of a listing in words, each line a line of the page. */
function fieldLines(key: Changeable, d: ListingDetails, shape: ListingShape): string[] {
  switch (key) {
    case 'name':
      return [d.name];
    case 'description':
      return d.description;
    case 'taxonomyTermIds':
      return d.categories;
    case 'schedules':
      return d.openingTimes.map((t) => `${t.when}: ${t.times}${t.note ? ` (${t.note})` : ''}`);
    case 'location':
      return [...(d.address ?? []), ...(d.accessibility ? [`Accessibility: ${d.accessibility}`] : [])];
    case 'url':
      return d.contact.website ? [d.contact.website] : [];
    case 'contact':
      return [d.contact.name, d.contact.phone, shape.contact?.email].filter((x): x is string => Boolean(x));
    case 'minimumAge':
      return shape.minimumAge === null || shape.minimumAge === undefined ? [] : [String(shape.minimumAge)];
    case 'maximumAge':
      return shape.maximumAge === null || shape.maximumAge === undefined ? [] : [String(shape.maximumAge)];
    case 'fees':
      return d.cost;
    case 'languages':
      return d.languages;
    case 'status':
      return [shape.status === 'inactive' ? 'Hidden' : 'Shown'];
  }
}

/** What a change suggests, field by field: the listing as it is and as it would be. */
export function changeRows(suggestion: SuggestionView, listing: ListingView) {
  const before = shapeOfListing(listing);
  const after = shapeOfSuggestion(suggestion, listing);
  const names = new Map(listing.taxonomyTerms.map((t) => [t.id, t.name]));
  const now = detailsOf(before, { termNames: names });
  const then = detailsOf(after, { termNames: names });
  return CHANGEABLE.filter((key) => key in (suggestion.suggestion as object)).map((key) => ({
    field: FIELD_NAMES[key],
    now: fieldLines(key, now, before),
    suggested: fieldLines(key, then, after),
  }));
}

/** What a suggestion is about, in a few words: the new listing's name, or the listing it changes. */
export function suggestionTitle(suggestion: SuggestionView, listingName?: string): string {
  if (suggestion.kind === 'new') return (suggestion.suggestion as { name?: string }).name ?? 'A new listing';
  return listingName ? `A change to ${listingName}` : 'A change to a listing';
}

/** Undefined for a 404 (a listing gone from the region); any other failure as it was. */
export function unlessMissing(err: unknown): undefined {
  if (err instanceof ApiError && err.status === 404) return undefined;
  throw err;
}

/** The names of the listings some suggestions change, as its curators can read them (retired ones too). */
export async function listingNames(
  read: (listingId: string) => Promise<ListingView>,
  suggestions: SuggestionView[],
): Promise<Map<string, string>> {
  const ids = [...new Set(suggestions.filter((s) => s.listingId).map((s) => s.listingId!))];
  const views = await Promise.all(ids.map((id) => read(id).catch(unlessMissing)));
  return new Map(views.filter((v): v is ListingView => Boolean(v)).map((v) => [v.id, v.name]));
}

/**
 * The names of the LEROs that made some suggestions, where this person may read them (a region's admins; its
 * directory curators read no LERO, ADR 0040, and see "A LERO").
 */
export async function leroNames(calls: HearthApiCalls, regionId: string): Promise<Map<string, string>> {
  try {
    const page = await calls.tenants({ regionId, limit: 100 });
    return new Map(page.items.map((t) => [t.id, t.name]));
  } catch (err) {
    if (err instanceof ApiError && [403, 404].includes(err.status)) return new Map();
    throw err;
  }
}

/**
 * Who suggested it, as a curator reads it: the LERO's name where they may read it, or the feed an import took it
 * from (ADR 0045); undefined for a LERO whose name they may not read.
 */
export function suggestedBy(suggestion: SuggestionView, leros: Map<string, string>): string | undefined {
  if (suggestion.tenantId === null)
    return suggestion.source ? `an import from ${suggestion.source}` : 'an import';
  return leros.get(suggestion.tenantId);
}

/** A suggestion as a list shows it. */
export function suggestionRow(
  suggestion: SuggestionView,
  href: string,
  names: { listings: Map<string, string>; leros: Map<string, string> },
) {
  return {
    title: suggestionTitle(
      suggestion,
      suggestion.listingId ? names.listings.get(suggestion.listingId) : undefined,
    ),
    href,
    lero: suggestedBy(suggestion, names.leros) ?? 'A LERO',
    made: dateAndTime(suggestion.createdAt),
    decided: suggestion.decidedAt ? dateAndTime(suggestion.decidedAt) : undefined,
    status: SUGGESTION_TAGS[suggestion.status],
    reason: suggestion.reason,
    fields:
      suggestion.kind === 'change'
        ? CHANGEABLE.filter((k) => k in (suggestion.suggestion as object)).map((k) => FIELD_NAMES[k])
        : [],
  };
}
