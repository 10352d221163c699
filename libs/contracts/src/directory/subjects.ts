/** Every subject the directory service answers (`directory.<feature>.<verb>`). A shipped value never changes (add `.v2`). */
export const DirectorySubjects = {} as const;

/** Domain events of the directory service (facts, past tense: `evt.directory.<thing>.<happened>`), from its outbox. */
export const DirectoryEvents = {} as const;
