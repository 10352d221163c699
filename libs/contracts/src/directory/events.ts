import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { DirectoryEvents } from './subjects';
import { LISTING_STATUSES, type ListingStatus } from './listing.dto';
import { CALENDAR_DATE } from './signpost.dto';

/**
 * A category as a signpost event carries it: a Hearth term's id or another name, not checked against today's
 * list, so a signpost of a category added later is still counted under the one it had.
 */
const CATEGORY_KEY = /^[a-z0-9][a-z0-9-]{0,59}$/;

/**
 * Payload of every `evt.directory.listing.*` event: which listing of which region, and its status after the
 * change. Never a name, an email or a phone number: a consumer asks the feed for what it needs.
 */
export class ListingChangedEvent {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  serviceId!: string;

  @IsUUID('all')
  organizationId!: string;

  @IsIn(LISTING_STATUSES)
  status!: ListingStatus;
}

/**
 * Payload of every `evt.directory.suggestion.*` event: which suggestion of which region, from which LERO (the
 * event is filed under it) or which import (filed under no LERO), and the listing it names (a change) or became
 * (approved). Ids only.
 */
export class SuggestionEvent {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  suggestionId!: string;

  /** The LERO that made it; absent for an import's suggestion. */
  @IsOptional()
  @IsUUID('all')
  tenantId?: string;

  /** The import that made it (ADR 0041, mode `suggestions`); absent for a LERO's. */
  @IsOptional()
  @IsUUID('all')
  importId?: string;

  @IsOptional()
  @IsUUID('all')
  listingId?: string;
}

/**
 * `evt.directory.signpost.recorded`: one signpost of a LERO, counted by reporting under `category` (the Hearth
 * term it was, or the nearest one above a region's own term, or `signpost-other`) on its `date`. Its random id
 * makes counting it idempotent; no time of day, nothing about the person, no service.
 */
export class SignpostRecordedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  signpostId!: string;

  @Matches(CALENDAR_DATE)
  date!: string;

  @IsUUID('all')
  taxonomyTermId!: string;

  @Matches(CATEGORY_KEY)
  category!: string;
}

/**
 * The directory service's events: each subject of `DirectoryEvents` and the class its payload is (a class with
 * class-validator decorators, checked by every consumer). Never a name, an email or a phone number.
 */
export const DIRECTORY_EVENT_PAYLOADS = {
  [DirectoryEvents.listingCreated]: ListingChangedEvent,
  [DirectoryEvents.listingUpdated]: ListingChangedEvent,
  [DirectoryEvents.listingRetired]: ListingChangedEvent,
  [DirectoryEvents.listingAssured]: ListingChangedEvent,
  [DirectoryEvents.suggestionSubmitted]: SuggestionEvent,
  [DirectoryEvents.suggestionApproved]: SuggestionEvent,
  [DirectoryEvents.suggestionRejected]: SuggestionEvent,
  [DirectoryEvents.signpostRecorded]: SignpostRecordedEvent,
} as const;
