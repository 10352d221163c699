/** Every subject the advocacy service answers (`advocacy.<feature>.<verb>`). A shipped value never changes (add `.v2`). */
export const AdvocacySubjects = {} as const;

/** Domain events of the advocacy service (facts, past tense: `evt.advocacy.<thing>.<happened>`), from its outbox. */
export const AdvocacyEvents = {} as const;
