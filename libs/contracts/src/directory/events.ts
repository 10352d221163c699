import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { DirectoryEvents } from './subjects';
import { LISTING_STATUSES, type ListingStatus } from './listing.dto';

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
 * event is filed under it), and the listing it names (a change) or became (approved). Ids only.
 */
export class SuggestionEvent {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  suggestionId!: string;

  @IsUUID('all')
  tenantId!: string;

  @IsOptional()
  @IsUUID('all')
  listingId?: string;
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
} as const;
