/** Every subject the directory service answers (`directory.<feature>.<verb>`). A shipped value never changes (add `.v2`). */
export const DirectorySubjects = {
  /** A region's curators: listings (a service with its organisation, location, times, contact, categories). */
  createListing: 'directory.listing.create',
  listListings: 'directory.listing.list',
  getListing: 'directory.listing.get',
  updateListing: 'directory.listing.update',
  retireListing: 'directory.listing.retire',
  /** A region's curators: assuring listings, those due for review, the region's directory settings. */
  assureListing: 'directory.listing.assure',
  needsReview: 'directory.listing.needs-review',
  getSettings: 'directory.settings.get',
  updateSettings: 'directory.settings.update',
  /** A LERO's admins and coordinators suggest listings and changes; the region's curators decide. */
  suggestListing: 'directory.suggestion.submit',
  listLeroSuggestions: 'directory.suggestion.list-own',
  getLeroSuggestion: 'directory.suggestion.get-own',
  listSuggestions: 'directory.suggestion.list',
  getSuggestion: 'directory.suggestion.get',
  approveSuggestion: 'directory.suggestion.approve',
  rejectSuggestion: 'directory.suggestion.reject',
  /** A LERO's staff and volunteers: someone was signposted (a category, a channel, a day; nothing about them). */
  recordSignpost: 'directory.signpost.record',
  /** A region's curators map a term (Hearth's or its own) to terms of its own esd lists; commissioners read. */
  getTermMappings: 'directory.term-mapping.get',
  setTermMappings: 'directory.term-mapping.set',
  /** No sign-in: a region's Open Referral UK feed (only active listings). */
  orukRoot: 'directory.oruk.root',
  orukList: 'directory.oruk.list',
  orukItem: 'directory.oruk.item',
  /** A region's admins: importing another Open Referral UK feed, and the whole directory as HSDS (ADR 0041). */
  startImport: 'directory.import.start',
  getImport: 'directory.import.get',
  listImports: 'directory.import.list',
  exportPage: 'directory.export.page',
} as const;

/** Domain events of the directory service (facts, past tense: `evt.directory.<thing>.<happened>`), from its outbox. */
export const DirectoryEvents = {
  listingCreated: 'evt.directory.listing.created',
  listingUpdated: 'evt.directory.listing.updated',
  listingRetired: 'evt.directory.listing.retired',
  listingAssured: 'evt.directory.listing.assured',
  suggestionSubmitted: 'evt.directory.suggestion.submitted',
  suggestionApproved: 'evt.directory.suggestion.approved',
  suggestionRejected: 'evt.directory.suggestion.rejected',
  signpostRecorded: 'evt.directory.signpost.recorded',
} as const;
