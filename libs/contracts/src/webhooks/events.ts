/**
 * The webhooks service's events: each subject of `WebhooksEvents` and the class its payload is (a class with
 * class-validator decorators, checked by every consumer). Never a name, an email or a phone number.
 */
export const WEBHOOKS_EVENT_PAYLOADS = {} as const;
