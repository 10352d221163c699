/** Every subject the directory service answers (`directory.<feature>.<verb>`). A shipped value never changes (add `.v2`). */
export const DirectorySubjects = {
  /** A region's curators: listings (a service with its organisation, location, times, contact, categories). */
  createListing: 'directory.listing.create',
  listListings: 'directory.listing.list',
  getListing: 'directory.listing.get',
  updateListing: 'directory.listing.update',
  retireListing: 'directory.listing.retire',
  /** A region's admins map a term (Hearth's or its own) to terms of its own taxonomies (esd lists); commissioners read. */
  getTermMappings: 'directory.term-mapping.get',
  setTermMappings: 'directory.term-mapping.set',
  /** No sign-in: a region's Open Referral UK feed (only active listings). */
  orukRoot: 'directory.oruk.root',
  orukList: 'directory.oruk.list',
  orukItem: 'directory.oruk.item',
} as const;

/** Domain events of the directory service (facts, past tense: `evt.directory.<thing>.<happened>`), from its outbox. */
export const DirectoryEvents = {
  listingCreated: 'evt.directory.listing.created',
  listingUpdated: 'evt.directory.listing.updated',
  listingRetired: 'evt.directory.listing.retired',
} as const;
