/** Every subject the webhooks service answers (`webhooks.<feature>.<verb>`). A shipped value never changes (add `.v2`). */
export const WebhooksSubjects = {} as const;

/** Domain events of the webhooks service (facts, past tense: `evt.webhooks.<thing>.<happened>`), from its outbox. */
export const WebhooksEvents = {} as const;
